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
        assertFalse(joinable("INSERT INTO t VALUES (1)) garbage (("), "parentheses that close too soon");
        assertFalse(joinable("INSERT INTO t VALUES (1, (2)"), "cut short");
        assertTrue(joinable("INSERT INTO t VALUES (1, ')(')"), "parentheses in a literal");
    }

    @Test
    void aPipelinedStatementIsOneCommandThatLeavesTheTransactionAlone() {
        assertTrue(PgSession.pipelinable("INSERT INTO t VALUES (1, 'a;b')", true));
        assertTrue(PgSession.pipelinable("SELECT 1;  -- done\n", true));
        assertTrue(PgSession.pipelinable("select $1, $tag$;$tag$, a$b FROM t", true));
        assertTrue(PgSession.pipelinable("SELECT E'it\\'s;', 'C:\\dir' /* a /* nested */ ; */", true));
        assertTrue(PgSession.pipelinable("UPDATE \"we;ird\"\"\" SET x = 1", true));
        assertFalse(PgSession.pipelinable("INSERT INTO t VALUES (1); COMMIT", true));
        assertFalse(PgSession.pipelinable("SELECT 'C:\\'; SELECT 2", false), "a backslash escapes without standard strings");
        assertTrue(PgSession.pipelinable("SELECT 'C:\\'; ", true));
        assertFalse(PgSession.pipelinable("  -- nothing\n", true), "empty");
        assertFalse(PgSession.pipelinable("", true));
        assertFalse(PgSession.pipelinable(";", true));
        assertFalse(PgSession.pipelinable("SELECT 'unfinished", true));
        assertFalse(PgSession.pipelinable("SELECT $x$ unfinished", true));
        assertFalse(PgSession.pipelinable("SELECT 1 /* unfinished", true));
        for (String command : new String[] {"COMMIT", "rollback", "Begin", "START TRANSACTION", "END", "ABORT",
                "SAVEPOINT s", "RELEASE s", "ROLLBACK TO s", "PREPARE TRANSACTION 'x'", "COPY t FROM STDIN"}) {
            assertFalse(PgSession.pipelinable(command, true), command);
        }
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
