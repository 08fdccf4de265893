package io.psycopg2jvm.core.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Which executemany statements may share a Query message: none may run into the next. */
class JoinableTest {

    private static String[] times(String statement, int count) {
        String[] statements = new String[count];
        Arrays.fill(statements, statement);
        return statements;
    }

    private static boolean joinable(String statement) {
        return PgSession.joinable(times(statement, 30));
    }

    @Test
    void plainInsertsUpdatesAndDeletesJoin() {
        assertTrue(joinable("INSERT INTO t VALUES (1, 'a b')"));
        assertTrue(joinable("  update t SET x = 'it''s' WHERE \"Id\" = 2"));
        assertTrue(joinable("\nDelete FROM t WHERE a - b > 1"));
        assertTrue(joinable("INSERT INTO t VALUES (1) RETURNING id"));
    }

    @Test
    void otherStatementsDoNot() {
        assertFalse(joinable("SELECT 1"));
        assertFalse(joinable("COMMIT"));
        assertFalse(joinable("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x"));
        assertFalse(joinable("INSER"));
    }

    @Test
    void anythingThatCouldRunIntoTheNextStatementDoesNot() {
        assertFalse(joinable("INSERT INTO t VALUES ('a;b')"));
        assertFalse(joinable("INSERT INTO t VALUES (1) -- note"));
        assertFalse(joinable("INSERT INTO t VALUES (1) /* note */"));
        assertFalse(joinable("INSERT INTO t VALUES ($$x$$)"));
        assertFalse(joinable("INSERT INTO t VALUES (E'\\'')"));
        assertFalse(joinable("INSERT INTO t VALUES ('unbalanced)"));
        assertFalse(joinable("INSERT INTO \"t VALUES (1)"));
    }

    @Test
    void fewStatementsAreNotWorthJoining() {
        assertFalse(PgSession.joinable(times("INSERT INTO t VALUES (1)", 19)));
        assertTrue(PgSession.joinable(times("INSERT INTO t VALUES (1)", 20)));
    }

    @Test
    void oneStatementThatCannotJoinKeepsTheWholeBatchApart() {
        String[] statements = times("INSERT INTO t VALUES ('x')", 50);
        statements[37] = "INSERT INTO t VALUES ('x;y')";
        assertFalse(PgSession.joinable(statements));
    }
}
