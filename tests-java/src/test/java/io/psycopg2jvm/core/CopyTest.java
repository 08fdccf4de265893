package io.psycopg2jvm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.psycopg2jvm.core.error.PgServerException;
import io.psycopg2jvm.core.session.CopyStart;
import io.psycopg2jvm.core.session.PgSession;
import io.psycopg2jvm.core.session.QueryResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** COPY FROM STDIN / TO STDOUT driven through startCopy, copyWrite/copyRead, copyEnd/copyFail. */
class CopyTest {
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

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void copyInLoadsRowsSplitAnywhereAcrossChunks() {
        CopyStart start = s.startCopy("COPY t FROM STDIN");
        assertTrue(start.isCopyIn());
        assertEquals(false, start.binary());
        assertEquals(2, start.columns());
        assertEquals('A', s.transactionStatus());
        s.copyWrite(utf8("1\tone\n2\t"));
        s.copyWrite(utf8("tw"));
        s.copyWrite(utf8("o\n3\t\\N\n"));
        QueryResult r = s.copyEnd();
        assertEquals(3, r.rowcount());
        assertEquals("COPY 3", r.statusMessage());
        assertEquals('I', s.transactionStatus());
        assertEquals(3, count());
    }

    @Test
    void copyInTextIsEncodedWithTheClientEncoding() {
        // as in psycopg2, the session changes its codec when told to, not on a SET run as a query
        s.execute("SET client_encoding TO 'LATIN1'");
        s.useClientCodec("iso8859_1");
        s.startCopy("COPY t FROM STDIN");
        assertTrue(s.copyWriteText("1\tcafé\n"));
        assertFalse(s.copyWriteText("2\t€\n"), "LATIN1 has no euro sign");
        assertEquals(1, s.copyEnd().rowcount());
        s.execute("SET client_encoding TO 'UTF8'");
        s.useClientCodec("utf_8");
        QueryResult r = s.execute("SELECT label FROM t");
        assertEquals("café", r.rows(0, 1, r.defaultModes())[0][0]);
    }

    @Test
    void copyInUtf8TextRefusesOnlyLoneSurrogates() {
        s.startCopy("COPY t FROM STDIN");
        assertTrue(s.copyWriteText("1\tascii\n"));
        assertTrue(s.copyWriteText("2\tcafé \uD83D\uDE00 €\n"), "a surrogate pair is one character");
        assertFalse(s.copyWriteText("3\tlone \uD83D\n"), "a high surrogate alone");
        assertFalse(s.copyWriteText("4\t\uDE00 first\n"), "a low surrogate alone");
        assertFalse(s.copyWriteText("5\tends \uD83D"), "a high surrogate at the end");
        assertEquals(2, s.copyEnd().rowcount());
        QueryResult r = s.execute("SELECT label FROM t ORDER BY id");
        assertEquals("ascii", r.rows(0, 2, r.defaultModes())[0][0]);
        assertEquals("café \uD83D\uDE00 €", r.rows(0, 2, r.defaultModes())[1][0]);
    }

    @Test
    void copyInLongTextIsSentInPiecesKeepingSurrogatePairsWhole() {
        // the high surrogate is the last char of the first 64K piece
        String label = "x".repeat(65533) + "\uD83D\uDE00" + "y".repeat(200000);
        s.startCopy("COPY t FROM STDIN");
        assertTrue(s.copyWriteText("6\t" + label + "\n7\tshort\n"));
        assertEquals(2, s.copyEnd().rowcount());
        QueryResult r = s.execute("SELECT label FROM t ORDER BY id");
        Object[][] rows = r.rows(0, 2, r.defaultModes());
        assertEquals(label, rows[0][0]);
        assertEquals("short", rows[1][0]);
    }

    @Test
    void copyInLoneSurrogateInALaterPieceRefusesAndTheFailedCopyKeepsNothing() {
        // the first pieces go out before the bad one is met: the caller fails the COPY
        String rows = "8\t" + "é".repeat(70000) + "\n9\tlone \uDE00\n";
        s.startCopy("COPY t FROM STDIN");
        assertFalse(s.copyWriteText(rows));
        failTheCopyLoadingNothing();
    }

    @Test
    void copyInTextInGivenPiecesTellsWhereTheRefusedPieceStartsInCodePoints() {
        s.startCopy("COPY t FROM STDIN");
        assertEquals(-1, s.copyWriteText("1\tok\n", 4));
        // pieces of 4 chars: "2\t\uD83D\uDE00" is 3 code points, "abcd" 4, then the lone one
        assertEquals(7, s.copyWriteText("2\t\uD83D\uDE00abcd\uD800z\n", 4));
        failTheCopyLoadingNothing();
    }

    /** The caller's answer to refused text: CopyFail; the server's 57014, and no row kept. */
    private void failTheCopyLoadingNothing() {
        PgServerException e = assertThrows(PgServerException.class, () -> s.copyFail("lone surrogate"));
        assertEquals("57014", e.sqlstate());
        assertEquals('I', s.transactionStatus());
        assertEquals(0, count());
    }

    @Test
    void copyInAsciiTextGoesOutAsIsInAnyClientEncoding() {
        String label = "plain ascii ".repeat(30000);
        int id = 0;
        for (String encoding : new String[] {"UTF8", "LATIN1"}) {
            s.execute("SET client_encoding TO '" + encoding + "'");
            s.startCopy("COPY t FROM STDIN");
            s.copyWriteAscii(++id + "\t" + label + "\n" + ++id + "\tshort\n");
            assertEquals(2, s.copyEnd().rowcount());
        }
        s.execute("SET client_encoding TO 'UTF8'");
        QueryResult r = s.execute("SELECT label FROM t WHERE id IN (1, 3) ORDER BY id");
        Object[][] got = r.rows(0, 2, r.defaultModes());
        assertEquals(label, got[0][0]);
        assertEquals(got[0][0], got[1][0]);
        assertEquals(4, count());
    }

    @Test
    void copyOutStreamsChunksThenNullThenTheResult() {
        s.execute("INSERT INTO t SELECT i, repeat('x', 100) FROM generate_series(1, 20000) i");
        assertTrue(s.startCopy("COPY t TO STDOUT").isCopyOut());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int chunks = 0;
        for (byte[] chunk = s.copyRead(); chunk != null; chunk = s.copyRead()) {
            assertEquals('\n', chunk[chunk.length - 1], "chunks end at row ends");
            all.write(chunk, 0, chunk.length);
            chunks++;
        }
        assertTrue(chunks > 10, "streamed in chunks, not whole: " + chunks);
        assertNull(s.copyRead());
        QueryResult r = s.copyEnd();
        assertEquals(20000, r.rowcount());
        String text = all.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("1\t" + "x".repeat(100) + "\n"));
        assertEquals(20000, text.split("\n").length);
        assertEquals(20000, count());
    }

    @Test
    void aTriggersNoticesDoNotStallCopyIn() {
        // 40 MB of notices for 10 MB of rows: while the client only wrote, the server blocked on
        // its full output and stopped reading, and both waited for ever
        s.execute("CREATE TEMP TABLE noisy (x int, pad text)");
        s.execute("CREATE FUNCTION pg_temp.tell() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$BEGIN RAISE NOTICE '%', repeat('n', 8000); RETURN NEW; END$$");
        s.execute("CREATE TRIGGER tell BEFORE INSERT ON noisy FOR EACH ROW EXECUTE FUNCTION pg_temp.tell()");
        byte[] row = ("1\t" + "p".repeat(2000) + "\n").getBytes(StandardCharsets.US_ASCII);
        QueryResult r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            s.startCopy("COPY noisy FROM STDIN");
            for (int i = 0; i < 5000; i++) {
                s.copyWrite(row);
            }
            return s.copyEnd();
        });
        assertEquals(5000, r.rowcount());
        assertEquals(5000, s.drainNotices().length, "kept for the next result, as psycopg2 shows them");
        assertEquals(5000L, s.execute("SELECT count(*) FROM noisy").rows(0, 1, new int[] {QueryResult.MODE_NATIVE})[0][0]);
    }

    @Test
    void oneBigWriteGoesOutInPieces() {
        byte[] rows = "1\tone\n".repeat(500_000).getBytes(StandardCharsets.US_ASCII); // 3.5 MB
        s.execute("CREATE TEMP TABLE many (id int, label text)");
        s.startCopy("COPY many FROM STDIN");
        s.copyWrite(rows);
        assertEquals(500_000, s.copyEnd().rowcount());
    }

    @Test
    void anEarlyServerErrorEndsCopyInAndTheRestIsDropped() {
        s.startCopy("COPY t FROM STDIN");
        s.copyWrite("x\tbad first row\n".getBytes(StandardCharsets.US_ASCII));
        byte[] more = "1\tfine\n".repeat(10000).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 50; i++) {
            s.copyWrite(more); // 4 MB the server no longer reads
        }
        PgServerException e = assertThrows(PgServerException.class, () -> s.copyEnd());
        assertEquals("22P02", e.sqlstate());
        assertEquals('I', s.transactionStatus());
        assertEquals(0, count());
        s.startCopy("COPY t FROM STDIN");
        s.copyWrite("2\tok\n".getBytes(StandardCharsets.US_ASCII));
        assertThrows(PgServerException.class, () -> s.copyFail("gave up"));
        assertEquals(0, count());
    }

    @Test
    void aRowTheClientEncodingCannotReadEndsTheTextBeforeIt() {
        s.execute("SET client_encoding TO 'SQL_ASCII'");
        s.useClientCodec("ascii");
        String query = "COPY (SELECT x FROM (VALUES ('ok'), (chr(233) || 'x'), ('after')) v(x)) TO STDOUT";
        s.startCopy(query);
        assertEquals("ok\n", s.copyReadText());
        io.psycopg2jvm.core.codec.UndecodableTextException e =
                assertThrows(io.psycopg2jvm.core.codec.UndecodableTextException.class, () -> s.copyReadText());
        assertEquals("\u00c3\u00a9x\n", e.latin1(), "the row's UTF-8 bytes, one char each");
        assertEquals(3, s.copyEnd().rowcount());
        s.startCopy(query);
        assertArrayEquals(new String[] {"ok\n"}, s.copyReadRows());
        assertThrows(io.psycopg2jvm.core.codec.UndecodableTextException.class, () -> s.copyReadRows());
        assertEquals(3, s.copyEnd().rowcount());
    }

    @Test
    void aServerErrorEndsCopyOutAfterTheRowsBeforeIt() {
        s.startCopy("COPY (SELECT 10 / (i - 1000) FROM generate_series(1, 2000) i) TO STDOUT");
        String rows = s.copyReadText();
        assertEquals(999, rows.split("\n").length, "the rows sent before the error");
        PgServerException e = assertThrows(PgServerException.class, () -> s.copyReadText());
        assertEquals("22012", e.sqlstate());
        assertThrows(IllegalStateException.class, () -> s.copyEnd(), "the COPY is over, its error told");
        assertEquals(1, s.execute("SELECT 1").rows(0, 1, new int[] {QueryResult.MODE_NATIVE})[0][0]);
    }

    @Test
    void joinedReadsGatherWholeRowsUpToTheSizeAskedThenStreamAgain() {
        s.execute("INSERT INTO t SELECT i, repeat('x', 100) FROM generate_series(1, 20000) i");
        s.startCopy("COPY t TO STDOUT");
        String first = s.copyReadTextJoined(1_000_000);
        assertTrue(first.length() >= 1_000_000 && first.length() < 1_000_000 + 200, "whole rows past the size: " + first.length());
        assertTrue(first.endsWith("\n"));
        String rest = s.copyReadTextJoined(Integer.MAX_VALUE);
        assertNull(s.copyReadTextJoined(Integer.MAX_VALUE));
        assertEquals(20000, s.copyEnd().rowcount());
        assertEquals(20000, (first + rest).split("\n").length);
        assertTrue((first + rest).endsWith("20000\t" + "x".repeat(100) + "\n"));
        // the chunks after it are the usual size again
        s.startCopy("COPY t TO STDOUT");
        assertTrue(s.copyReadText().length() < 70_000);
        s.copyEnd();
    }

    @Test
    void aJoinedReadEndsBeforeAnUndecodableRowOrAServerError() {
        s.execute("SET client_encoding TO 'SQL_ASCII'");
        s.useClientCodec("ascii");
        s.startCopy("COPY (SELECT x FROM (VALUES ('ok'), (chr(233) || 'x'), ('after')) v(x)) TO STDOUT");
        assertEquals("ok\n", s.copyReadTextJoined(Integer.MAX_VALUE));
        assertThrows(io.psycopg2jvm.core.codec.UndecodableTextException.class, () -> s.copyReadTextJoined(Integer.MAX_VALUE));
        assertEquals(3, s.copyEnd().rowcount());
        s.startCopy("COPY (SELECT 10 / (i - 100000) FROM generate_series(1, 200000) i) TO STDOUT");
        assertEquals(99999, s.copyReadTextJoined(Integer.MAX_VALUE).split("\n").length, "the rows sent before the error");
        assertEquals("22012", assertThrows(PgServerException.class, () -> s.copyReadTextJoined(Integer.MAX_VALUE)).sqlstate());
    }

    @Test
    void theRowsAfterAHugeRowComeWhole() {
        // a 300 KB row grows the chunk buffer; the small rows after it end the COPY
        s.startCopy("COPY (SELECT repeat('x', 300000) UNION ALL SELECT 'tail' UNION ALL SELECT 'end') TO STDOUT");
        assertEquals(300001, s.copyReadText().length());
        assertEquals("tail\nend\n", s.copyReadText());
        assertNull(s.copyReadText());
        assertEquals(3, s.copyEnd().rowcount());
        // the next COPY starts afresh
        s.execute("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
        s.startCopy("COPY t TO STDOUT");
        assertEquals("1\ta\n2\tb\n", s.copyReadText());
        assertNull(s.copyReadText());
        assertEquals(2, s.copyEnd().rowcount());
    }

    @Test
    void copyOutTextIsDecodedWithTheClientEncoding() {
        s.execute("INSERT INTO t VALUES (1, 'é€')");
        s.startCopy("COPY t TO STDOUT");
        assertArrayEquals(new String[] {"1\té€\n"}, s.copyReadRows());
        assertNull(s.copyReadRows());
        assertEquals(1, s.copyEnd().rowcount());
    }

    @Test
    void badDataFailsWithItsSqlstateAndLeavesNothingLoaded() {
        s.startCopy("COPY t FROM STDIN");
        s.copyWrite(utf8("1\tok\nnot-a-number\tbad\n"));
        PgServerException e = assertThrows(PgServerException.class, s::copyEnd);
        assertEquals("22P02", e.sqlstate());
        assertEquals('I', s.transactionStatus());
        assertEquals(0, count());
    }

    @Test
    void copyFailAbortsWithTheReasonAsQueryCanceled() {
        s.execute("BEGIN");
        s.startCopy("COPY t FROM STDIN");
        s.copyWrite(utf8("1\tone\n"));
        PgServerException e = assertThrows(PgServerException.class, () -> s.copyFail("reader broke"));
        assertEquals("57014", e.sqlstate());
        assertTrue(e.getMessage().contains("COPY from stdin failed: reader broke"), e.getMessage());
        assertEquals('E', s.transactionStatus());
        s.execute("ROLLBACK");
        assertEquals(0, count());
    }

    @Test
    void otherCallsAreRefusedDuringCopy() {
        s.startCopy("COPY t FROM STDIN");
        assertThrows(IllegalStateException.class, () -> s.execute("SELECT 1"));
        assertThrows(IllegalStateException.class, s::copyRead);
        s.copyWrite(utf8("7\tseven\n"));
        assertEquals(1, s.copyEnd().rowcount());
        assertThrows(IllegalStateException.class, () -> s.copyWrite(utf8("8\n")));
        assertEquals(1, count());
    }

    @Test
    void copyEndDuringCopyOutDrainsTheRest() {
        s.execute("INSERT INTO t SELECT i, 'x' FROM generate_series(1, 5000) i");
        s.startCopy("COPY t TO STDOUT");
        s.copyRead();
        assertEquals(5000, s.copyEnd().rowcount());
        assertEquals(5000, count());
    }

    @Test
    void serverErrorDuringCopyOutIsThrownAndTheSessionRecovers() {
        s.startCopy("COPY (SELECT 1 / (3 - i) FROM generate_series(1, 5) i) TO STDOUT");
        PgServerException e = assertThrows(PgServerException.class, () -> {
            while (s.copyRead() != null) {
                // reading until the error
            }
        });
        assertEquals("22012", e.sqlstate());
        assertEquals('I', s.transactionStatus());
        assertEquals(0, count());
    }

    @Test
    void binaryCopyRoundTrips() {
        s.execute("INSERT INTO t VALUES (1, 'a'), (2, NULL)");
        CopyStart out = s.startCopy("COPY t TO STDOUT (FORMAT binary)");
        assertTrue(out.binary());
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (byte[] chunk = s.copyRead(); chunk != null; chunk = s.copyRead()) {
            data.write(chunk, 0, chunk.length);
        }
        s.copyEnd();
        s.execute("DELETE FROM t");
        assertTrue(s.startCopy("COPY t FROM STDIN (FORMAT binary)").binary());
        s.copyWrite(data.toByteArray());
        assertEquals(2, s.copyEnd().rowcount());
        s.startCopy("COPY t TO STDOUT (FORMAT binary)");
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        for (byte[] chunk = s.copyRead(); chunk != null; chunk = s.copyRead()) {
            again.write(chunk, 0, chunk.length);
        }
        s.copyEnd();
        assertArrayEquals(data.toByteArray(), again.toByteArray());
    }

    @Test
    void aStatementThatIsNoCopyRunsAsExecute() {
        CopyStart start = s.startCopy("SELECT 42");
        assertEquals(0, start.direction());
        assertEquals(1, start.result().rowCount());
        assertEquals('I', s.transactionStatus());
    }

    @Test
    void largeCopyInIsStreamedInManyWrites() {
        byte[] chunk = utf8("x".repeat(60) + "\n");
        s.execute("CREATE TEMP TABLE big (v text)");
        s.startCopy("COPY big FROM STDIN");
        for (int i = 0; i < 100_000; i++) {
            s.copyWrite(chunk);
        }
        assertEquals(100_000, s.copyEnd().rowcount());
    }
}
