package io.psycopg2jvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.psycopg2jvm.core.error.PgServerException;
import io.psycopg2jvm.core.session.PgSession;
import io.psycopg2jvm.core.session.PipelineResult;
import io.psycopg2jvm.core.session.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two ways of leaving the one-query-one-answer path: COPY run through execute() (refused, the
 * session recovers) and executemany's pipelines (many queries in flight, answers read back in order).
 */
class CopyAndPipelineTest {
    private PgSession s;

    @BeforeEach
    void open() {
        s = ServerDsn.open();
        s.execute("CREATE TEMP TABLE t (id integer PRIMARY KEY, label text)");
    }

    @AfterEach
    void close() {
        s.close();
    }

    private long count() {
        QueryResult r = s.execute("SELECT count(*) FROM t");
        return (Long) r.rows(0, 1, r.defaultModes())[0][0];
    }

    private void assertUsable() {
        QueryResult r = s.execute("SELECT 'still here'");
        assertEquals("still here", r.rows(0, 1, r.defaultModes())[0][0]);
    }

    @Test
    void aStatementThatCannotBeSentLeavesNothingOfItsChunkQueued() {
        s.execute("BEGIN");
        assertThrows(IllegalArgumentException.class, () -> s.executePipelined(new String[] {
            "INSERT INTO t VALUES (1, 'a')", "INSERT INTO t VALUES (2, 'b\u0000')"}));
        // the first INSERT did not go out with the next query
        assertEquals(0, count());
        s.execute("ROLLBACK");
        assertUsable();
    }

    @Test
    void copyFailsReasonIsInTheClientEncodingAndEndsAtANul() {
        s.execute("SET client_encoding TO 'LATIN1'");
        s.useClientCodec("iso8859_1");
        s.startCopy("COPY t FROM STDIN");
        PgServerException e = assertThrows(PgServerException.class, () -> s.copyFail("caf\u00e9 broke\u0000 here"));
        assertEquals("57014", e.sqlstate());
        assertTrue(e.getMessage().contains("COPY from stdin failed: caf\u00e9 broke"), e.getMessage());
        assertFalse(e.getMessage().contains("here"), e.getMessage());
        assertUsable();
    }

    @Test
    void copyToStdoutIsRefusedAndDrained() {
        s.execute("INSERT INTO t SELECT i, 'x' FROM generate_series(1, 5000) i");
        QueryResult r = s.execute("COPY t TO STDOUT");
        assertEquals("TO", r.refusedCopy());
        assertEquals(0, r.rowCount());
        assertEquals(0, r.columnCount());
        assertEquals('I', s.transactionStatus());
        assertUsable();
    }

    @Test
    void copyFromStdinIsRefusedWithoutLoadingAnything() {
        QueryResult r = s.execute("COPY t FROM STDIN");
        assertEquals("FROM", r.refusedCopy());
        assertEquals(0, count());
        assertEquals('I', s.transactionStatus());
        assertUsable();
    }

    @Test
    void copyFromStdinInsideATransactionLeavesItRecoverable() {
        s.execute("BEGIN");
        QueryResult r = s.execute("COPY t FROM STDIN");
        assertEquals("FROM", r.refusedCopy());
        s.execute("ROLLBACK");
        assertEquals('I', s.transactionStatus());
        assertUsable();
    }

    private static String[] inserts(int from, int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = "INSERT INTO t VALUES (" + (from + i) + ", 'row " + (from + i) + "')";
        }
        return out;
    }

    @Test
    void pipelinedStatementsSumTheirRowcounts() {
        s.execute("BEGIN");
        assertEquals(300, s.executePipelined(inserts(1, 300)).rowcount()); // several chunks
        String[] changes = {"UPDATE t SET label = 'u' WHERE id <= 4", "DELETE FROM t WHERE id BETWEEN 290 AND 292"};
        PipelineResult changed = s.executePipelined(changes);
        assertEquals(7, changed.rowcount());
        assertEquals("DELETE 3", changed.statusMessage()); // the last statement's tag, as executemany shows
        s.execute("COMMIT");
        assertEquals(297, count());
        assertEquals('I', s.transactionStatus());
    }

    @Test
    void pipelinedStatementWithoutACountMakesTheTotalMinusOne() {
        String[] statements = {"INSERT INTO t VALUES (1, 'a')", "SET search_path TO public"};
        assertEquals(-1, s.executePipelined(statements).rowcount());
    }

    @Test
    void noStatementsIsNoRows() {
        assertEquals(0, s.executePipelined(new String[0]).rowcount());
    }

    @Test
    void firstErrorIsReportedAfterEveryAnswerIsRead() {
        s.execute("INSERT INTO t VALUES (5, 'existing')");
        s.execute("BEGIN");
        String[] statements = inserts(1, 20); // statement 4 (id 5) violates the primary key
        PgServerException e = assertThrows(PgServerException.class, () -> s.executePipelined(statements));
        // the statements after it failed too (25P02) but the first error is the one reported
        assertEquals("23505", e.sqlstate());
        assertEquals(4, e.statement(), "which statement failed");
        assertTrue(e.field('D').contains("(id)=(5)"), e.field('D'));
        assertEquals('E', s.transactionStatus());
        s.execute("ROLLBACK");
        assertEquals(1, count());
        assertUsable();
    }

    @Test
    void errorInALaterChunkLeavesNoAnswerUnread() {
        s.execute("BEGIN");
        String[] statements = inserts(1, 200);
        statements[130] = "INSERT INTO t VALUES (1, 'duplicate')";
        PgServerException e = assertThrows(PgServerException.class, () -> s.executePipelined(statements));
        assertEquals("23505", e.sqlstate());
        s.execute("ROLLBACK");
        // a stale answer left in the socket would show up here as the wrong result
        QueryResult r = s.execute("SELECT 'fresh', 2");
        assertEquals("SELECT 1", r.statusMessage());
        assertEquals("fresh", r.rows(0, 1, r.defaultModes())[0][0]);
        assertEquals(0, count());
    }

    @Test
    void pipelinedOutsideATransactionAFailureUndoesItsBatch() {
        // one Sync a batch: its statements share an implicit transaction
        s.execute("INSERT INTO t VALUES (3, 'existing')");
        PgServerException e = assertThrows(PgServerException.class, () -> s.executePipelined(inserts(1, 5)));
        assertEquals("23505", e.sqlstate());
        assertEquals(2, e.statement());
        assertEquals('I', s.transactionStatus());
        assertEquals(1, count());
        assertUsable();
    }

    @Test
    void nothingAfterAFailedPipelinedStatementRunsNotEvenACommit() {
        // psycopg2 stops at the failure: a COMMIT behind it must not end the aborted transaction
        s.execute("BEGIN");
        String[] statements = {"INSERT INTO t VALUES (41, 'a')", "INSERT INTO t VALUES (41, 'again')", "COMMIT",
            "INSERT INTO t VALUES (42, 'b')"};
        PgServerException e = assertThrows(PgServerException.class, () -> s.executePipelined(statements));
        assertEquals(1, e.statement());
        assertEquals('E', s.transactionStatus());
        s.execute("ROLLBACK");
        assertEquals(0, count());
    }

    @Test
    void statementsThatMustRunAloneAreHandedBack() {
        s.execute("BEGIN");
        s.startMany(true);
        assertEquals(PgSession.MANY_QUEUED, s.addMany("INSERT INTO t VALUES (1, 'a')"));
        assertEquals(PgSession.MANY_ALONE, s.addMany("COMMIT"));
        assertEquals(1, count(), "the statement before it is done");
        s.execute("COMMIT");
        assertEquals(PgSession.MANY_ALONE, s.addMany("INSERT INTO t VALUES (2, 'b')"), "no transaction block: alone");
        s.execute("BEGIN");
        assertEquals(PgSession.MANY_ALONE, s.addMany("INSERT INTO t VALUES (3, 'c'); INSERT INTO t VALUES (4, 'd')"));
        assertEquals(PgSession.MANY_ALONE, s.addMany("-- nothing"));
        assertEquals(PgSession.MANY_QUEUED, s.addMany("INSERT INTO t VALUES (5, 'e;')"));
        assertEquals(PgSession.MANY_QUEUED, s.addMany("SHOW search_path"));
        PipelineResult result = s.finishMany();
        assertEquals(-1, result.rowcount(), "SHOW's tag counts no rows, as psycopg2's executemany counts");
        assertEquals("SHOW", result.statusMessage());
        s.execute("COMMIT");
        assertEquals(2, count());
    }

    @Test
    void aStatementOfAJoinedQueryThatDoesNotParseIsTheOneReported() {
        s.execute("BEGIN");
        String[] statements = inserts(1, 50);
        statements[30] = "INSERT INTO t VALUES (31, 'x') garbage";
        PgServerException e = assertThrows(PgServerException.class, () -> s.executeJoined(statements));
        assertEquals("42601", e.sqlstate());
        assertEquals(30, e.statement());
        assertEquals("INSERT INTO t VALUES (31, 'x') garbage", e.query());
        assertEquals("ERROR:  syntax error at or near \"garbage\"\n"
                + "LINE 1: INSERT INTO t VALUES (31, 'x') garbage\n"
                + "                                       ^\n", e.formatted());
        s.execute("ROLLBACK");
    }

    @Test
    void statementsAddedOneAtATimeGoOutInBatchesAndAddUp() {
        s.execute("BEGIN");
        s.startMany(true);
        for (String sql : inserts(1, 250)) {
            assertEquals(PgSession.MANY_QUEUED, s.addMany(sql));
        }
        PipelineResult result = s.finishMany();
        assertEquals(250, result.rowcount());
        assertEquals("INSERT 0 1", result.statusMessage());
        assertEquals(1, result.lastRowcount());
        s.execute("COMMIT");
        assertEquals(250, count());
    }

    @Test
    void anotherCallDuringARunSeesEveryStatementAddedBeforeIt() {
        s.execute("BEGIN");
        s.startMany(true);
        for (String sql : inserts(1, 150)) {
            s.addMany(sql); // one batch sent, fifty queued
        }
        assertEquals(150, count());
        for (String sql : inserts(151, 30)) {
            s.addMany(sql);
        }
        assertEquals(180, s.finishMany().rowcount()); // the run goes on, counted whole
        assertEquals(180, count());
        s.execute("ROLLBACK");
    }

    @Test
    void aFailedStatementStopsTheRunAndFinishThrowsIt() {
        s.execute("BEGIN");
        String[] statements = inserts(1, 400);
        statements[130] = "INSERT INTO t VALUES (7, 'duplicate')";
        s.startMany(true);
        int added = 0;
        while (added < statements.length && s.addMany(statements[added]) == PgSession.MANY_QUEUED) {
            added++;
        }
        assertTrue(added < statements.length, "addMany says when to stop");
        assertEquals(PgSession.MANY_FAILED, s.addMany("INSERT INTO t VALUES (9999, 'too late')"));
        PgServerException e = assertThrows(PgServerException.class, s::finishMany);
        assertEquals("23505", e.sqlstate());
        assertEquals(130, e.statement(), "which statement failed");
        assertEquals("INSERT INTO t VALUES (7, 'duplicate')", e.query());
        assertEquals('E', s.transactionStatus());
        s.execute("ROLLBACK");
        QueryResult r = s.execute("SELECT 'fresh', 2"); // no stale answer left behind
        assertEquals("fresh", r.rows(0, 1, r.defaultModes())[0][0]);
        assertEquals(0, s.finishMany().rowcount(), "the run is over");
    }

    @Test
    void bulkyAnswersAndLongStatementsNeverBlockEitherSide() {
        s.execute("BEGIN");
        String big = "x".repeat(200_000);
        s.startMany(true);
        for (int i = 1; i <= 200; i++) { // RETURNING 40 MB back, and 40 MB of statements out
            s.addMany("INSERT INTO t VALUES (" + i + ", '" + big + "') RETURNING label");
        }
        assertEquals(200, s.finishMany().rowcount());
        s.startMany(true);
        for (int i = 1; i <= 200; i++) {
            s.addMany("UPDATE t SET label = '" + big + "' WHERE id = " + i);
        }
        assertEquals(200, s.finishMany().rowcount());
        s.execute("ROLLBACK");
    }

    @Test
    void joinedStatementsSumTheirRowcountsAcrossQueries() {
        s.execute("BEGIN");
        PipelineResult inserted = s.executeJoined(inserts(1, 250)); // three Query messages
        assertEquals(250, inserted.rowcount());
        assertEquals("INSERT 0 1", inserted.statusMessage());
        String[] changes = {"UPDATE t SET label = 'u' WHERE id <= 4", "DELETE FROM t WHERE id > 247 RETURNING id"};
        PipelineResult changed = s.executeJoined(changes);
        assertEquals(7, changed.rowcount());
        assertEquals("DELETE 3", changed.statusMessage());
        s.execute("COMMIT");
        assertEquals(247, count());
    }

    @Test
    void aJoinedStatementsErrorIsToldAsIfItHadBeenSentAlone() {
        s.execute("BEGIN");
        String[] statements = inserts(1, 250);
        statements[160] = "INSERT INTO t VALUES ('not a number', 'x')";
        PgServerException e = assertThrows(PgServerException.class, () -> s.executeJoined(statements));
        assertEquals("22P02", e.sqlstate());
        assertEquals(160, e.statement(), "which statement failed");
        assertEquals("23", e.field('P'), "the position within the failing statement");
        assertEquals("ERROR:  invalid input syntax for type integer: \"not a number\"\n"
                + "LINE 1: INSERT INTO t VALUES ('not a number', 'x')\n"
                + "                              ^\n", e.formatted());
        assertEquals('E', s.transactionStatus());
        s.execute("ROLLBACK");
        assertEquals(0, count());
        assertUsable();
    }
}
