package io.psycopg2jvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.psycopg2jvm.core.error.PgServerException;
import io.psycopg2jvm.core.error.ServerMessageFormat;
import io.psycopg2jvm.core.session.PgSession;
import io.psycopg2jvm.core.session.QueryResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ErrorResponse: every field survives, and {@code formatted()} is what libpq (and so psql, and
 * psycopg2's pgerror) prints. The expected texts were taken from psql 15 against the same server.
 */
class ServerErrorTest {
    private PgSession s;

    @BeforeEach
    void open() {
        s = ServerDsn.open();
    }

    @AfterEach
    void close() {
        s.close();
    }

    private PgServerException failing(String sql) {
        return assertThrows(PgServerException.class, () -> s.execute(sql));
    }

    @Test
    void undefinedColumnKeepsItsFieldsAndShowsTheCaretLikeLibpq() {
        String sql = "SELECT 1 +\n  no_such_column FROM (SELECT 1) s";
        PgServerException e = failing(sql);
        assertEquals("42703", e.sqlstate());
        assertEquals("ERROR", e.severity());
        assertEquals("ERROR", e.field('V'));
        assertEquals("column \"no_such_column\" does not exist", e.field('M'));
        assertEquals("column \"no_such_column\" does not exist", e.getMessage());
        assertEquals("14", e.field('P'));
        assertNotNull(e.field('F')); // source file, line and routine are kept too
        assertNotNull(e.field('L'));
        assertNotNull(e.field('R'));
        assertEquals("ERROR:  column \"no_such_column\" does not exist\n"
                + "LINE 2:   no_such_column FROM (SELECT 1) s\n"
                + "          ^\n", e.formatted());
    }

    @Test
    void caretOnTheFirstLine() {
        PgServerException e = failing("SELECT * FROM no_such_table");
        assertEquals("42P01", e.sqlstate());
        assertEquals("ERROR:  relation \"no_such_table\" does not exist\n"
                + "LINE 1: SELECT * FROM no_such_table\n"
                + "                      ^\n", e.formatted());
    }

    @Test
    void detailHintAndContextAreKeptAndFormatted() {
        PgServerException e = failing("DO $$ BEGIN RAISE EXCEPTION 'custom failure' USING DETAIL = 'the detail',"
                + " HINT = 'the hint', ERRCODE = 'P0001'; END $$");
        assertEquals("P0001", e.sqlstate());
        assertEquals("custom failure", e.field('M'));
        assertEquals("the detail", e.field('D'));
        assertEquals("the hint", e.field('H'));
        assertEquals("PL/pgSQL function inline_code_block line 1 at RAISE", e.field('W'));
        assertEquals("ERROR:  custom failure\n"
                + "DETAIL:  the detail\n"
                + "HINT:  the hint\n"
                + "CONTEXT:  PL/pgSQL function inline_code_block line 1 at RAISE\n", e.formatted());
    }

    @Test
    void constraintViolationNamesSchemaTableAndConstraint() {
        s.execute("CREATE TEMP TABLE uniq (id integer CONSTRAINT uniq_pk PRIMARY KEY); INSERT INTO uniq VALUES (1)");
        PgServerException e = failing("INSERT INTO uniq VALUES (1)");
        assertEquals("23505", e.sqlstate());
        assertEquals("Key (id)=(1) already exists.", e.field('D'));
        assertEquals("uniq", e.field('t'));
        assertEquals("uniq_pk", e.field('n'));
        assertTrue(e.field('s').startsWith("pg_temp"), e.field('s'));
        assertTrue(e.formatted().startsWith("ERROR:  duplicate key value violates unique constraint \"uniq_pk\"\n"
                + "DETAIL:  Key (id)=(1) already exists.\n"), e.formatted());
    }

    @Test
    void fieldPairsCarryEveryField() {
        PgServerException e = failing("SELECT 1/0");
        String[] pairs = e.fieldPairs();
        assertEquals(e.fields().size() * 2, pairs.length);
        boolean sawCode = false;
        for (int i = 0; i < pairs.length; i += 2) {
            assertEquals(e.field(pairs[i].charAt(0)), pairs[i + 1]);
            sawCode |= pairs[i].equals("C") && pairs[i + 1].equals("22012");
        }
        assertTrue(sawCode);
    }

    @Test
    void errorInALaterStatementIsThrownAndTheSessionStaysUsable() {
        PgServerException e = failing("SELECT 1; SELECT 1/0; SELECT 2");
        assertEquals("22012", e.sqlstate());
        assertEquals('I', s.transactionStatus());
        QueryResult r = s.execute("SELECT 3");
        assertEquals(3, r.rows(0, 1, r.defaultModes())[0][0]);
    }

    // The expected texts below are psycopg2 2.9.5's pgerror (libpq 15) for the same queries.
    @Test
    void internalQueryIsShownWithItsOwnCaret() {
        assertEquals("ERROR:  column \"no_such_col\" does not exist\n"
                + "LINE 1: SELECT no_such_col FROM pg_class\n"
                + "               ^\n"
                + "QUERY:  SELECT no_such_col FROM pg_class\n"
                + "CONTEXT:  PL/pgSQL function inline_code_block line 1 at PERFORM\n",
                failing("DO $$ BEGIN PERFORM no_such_col FROM pg_class; END $$").formatted());
    }

    @Test
    void tabsAreShownAsOneSpaceOnTheLaterLine() {
        assertEquals("ERROR:  invalid input syntax for type integer: \"x\"\n"
                + "LINE 2:   1 + 'x'\n"
                + "              ^\n",
                failing("SELECT 'a' ||\n\t 1 + 'x'").formatted());
    }

    @Test
    void longLinesAreCutAroundThePosition() {
        assertEquals("ERROR:  column \"no_such_col\" does not exist\n"
                + "LINE 1: ...xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' + no_such_co...\n"
                + "                                                             ^\n",
                failing("SELECT '" + "x".repeat(80) + "' + no_such_col").formatted());
    }

    @Test
    void positionCountsCharactersNotBytes() {
        assertEquals("ERROR:  column \"no_such_col\" does not exist\n"
                + "LINE 1: SELECT '\u00e9' || no_such_col\n"
                + "                      ^\n",
                failing("SELECT '\u00e9' || no_such_col").formatted());
    }

    @Test
    void carriageReturnNewlineEndsALine() {
        assertEquals("ERROR:  column \"no_such_col\" does not exist\n"
                + "LINE 2: SELECT no_such_col\n"
                + "               ^\n",
                failing("SELECT 1;\r\nSELECT no_such_col").formatted());
    }

    @Test
    void hintComesAfterTheCaret() {
        assertEquals("ERROR:  operator does not exist: text = integer\n"
                + "LINE 1: select * from generate_series(1,3) i where i::text = 1\n"
                + "                                                           ^\n"
                + "HINT:  No operator matches the given name and argument types."
                + " You might need to add explicit type casts.\n",
                failing("select * from generate_series(1,3) i where i::text = 1").formatted());
    }

    @Test
    void positionWithoutTheQueryIsNamedInTheMessage() {
        Map<Character, String> fields = new LinkedHashMap<>();
        fields.put('S', "ERROR");
        fields.put('C', "42601");
        fields.put('M', "syntax error at or near \"x\"");
        fields.put('P', "8");
        assertEquals("ERROR:  syntax error at or near \"x\" at character 8\n",
                ServerMessageFormat.format(fields, null));
    }

    @Test
    void syntaxErrorPositionPointsIntoTheQuery() {
        PgServerException e = failing("SELEC 1");
        assertEquals("42601", e.sqlstate());
        assertEquals("1", e.field('P'));
        assertEquals("ERROR:  syntax error at or near \"SELEC\"\nLINE 1: SELEC 1\n        ^\n", e.formatted());
    }
}
