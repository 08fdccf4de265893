package io.psycopg2jvm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.psycopg2jvm.core.error.PgServerException;
import io.psycopg2jvm.core.session.PgSession;
import io.psycopg2jvm.core.session.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simple query protocol: several statements, command tags, row counts and values. */
class SimpleQueryTest {
    private PgSession s;

    @BeforeEach
    void open() {
        s = ServerDsn.open();
        s.execute("CREATE TEMP TABLE items (id integer PRIMARY KEY, label text, price numeric)");
    }

    @AfterEach
    void close() {
        s.close();
    }

    private static Object[] column(QueryResult r, int c) {
        Object[][] rows = r.rows(0, r.rowCount(), r.defaultModes());
        Object[] out = new Object[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][c];
        }
        return out;
    }

    @Test
    void severalStatementsReturnTheLastStatementsRowsAndTag() {
        QueryResult r = s.execute("INSERT INTO items VALUES (1, 'a', 1.5), (2, 'b', 2.5), (3, 'c', NULL);"
                + " SELECT 'ignored' AS x; SELECT id, label FROM items ORDER BY id");
        assertEquals("SELECT 3", r.statusMessage());
        assertEquals(3, r.rowcount());
        assertTrue(r.hasRows());
        assertEquals(2, r.columnCount());
        assertEquals("id", r.columnName(0));
        assertEquals("label", r.columnName(1));
        assertEquals(23, r.columnType(0)); // int4
        assertEquals(25, r.columnType(1)); // text
        assertArrayEquals(new Object[] {1, 2, 3}, column(r, 0));
        assertArrayEquals(new Object[] {"a", "b", "c"}, column(r, 1));
    }

    @Test
    void sendThenReceiveIsExecuteInTwoHalves() {
        s.send("INSERT INTO items VALUES (1, 'a', 1.5) RETURNING id");
        QueryResult r = s.receive();
        assertEquals("INSERT 0 1", r.statusMessage());
        assertEquals(1, r.rows(0, 1, r.defaultModes())[0][0]);
        assertThrows(IllegalStateException.class, () -> s.receive());

        s.send("INSERT INTO items VALUES ('x', 'b', 1)");
        PgServerException e = assertThrows(PgServerException.class, () -> s.receive());
        assertEquals("22P02", e.sqlstate());
        assertEquals('I', s.transactionStatus());
        assertEquals(1L, s.execute("SELECT count(*) FROM items").rows(0, 1, new int[] {QueryResult.MODE_NATIVE})[0][0]);
    }

    @Test
    void aCallBetweenSendAndReceiveFindsTheStatementDoneAndReceiveStillGetsItsAnswer() {
        // psycopg2's execute_values builds a page while the last runs: an adapter querying the
        // connection then must see that page done, as page by page
        s.send("INSERT INTO items VALUES (1, 'a', 1.5) RETURNING id");
        assertEquals(1L, s.execute("SELECT count(*) FROM items").rows(0, 1, new int[] {QueryResult.MODE_NATIVE})[0][0]);
        assertThrows(IllegalStateException.class, () -> s.send("SELECT 2"), "one answer is still due");
        QueryResult r = s.receive();
        assertEquals("INSERT 0 1", r.statusMessage());
        assertEquals(1, r.rows(0, 1, r.defaultModes())[0][0]);

        s.send("INSERT INTO items VALUES ('x', 'b', 1)");
        QueryResult between = s.execute("SELECT 7");
        assertEquals(7, between.rows(0, 1, between.defaultModes())[0][0]);
        PgServerException e = assertThrows(PgServerException.class, () -> s.receive());
        assertEquals("22P02", e.sqlstate());
    }

    @Test
    void aNulInTheQueryIsRefusedBeforeAnythingIsSent() {
        assertThrows(IllegalArgumentException.class, () -> s.execute("SELECT 1\u0000; SELECT 2"));
        // nothing half-written stays queued: the next query runs normally
        QueryResult r = s.execute("SELECT 3");
        assertEquals(3, r.rows(0, 1, r.defaultModes())[0][0]);
        assertEquals('I', s.transactionStatus());
    }

    @Test
    void rowsOfAnEarlierStatementAreDroppedWhenTheLastHasNone() {
        QueryResult r = s.execute("SELECT 1; INSERT INTO items VALUES (7, 'g', 7)");
        assertEquals("INSERT 0 1", r.statusMessage());
        assertFalse(r.hasRows());
        assertEquals(0, r.columnCount());
        assertEquals(0, r.rowCount());
        assertEquals(1, r.rowcount());
    }

    @Test
    void rowcountOfInsertUpdateDeleteAndSelect() {
        QueryResult insert = s.execute("INSERT INTO items SELECT i, 'item ' || i, i FROM generate_series(1, 10) i");
        assertEquals("INSERT 0 10", insert.statusMessage());
        assertEquals(10, insert.rowcount());

        QueryResult update = s.execute("UPDATE items SET price = price * 2 WHERE id <= 4");
        assertEquals("UPDATE 4", update.statusMessage());
        assertEquals(4, update.rowcount());

        QueryResult delete = s.execute("DELETE FROM items WHERE id > 7");
        assertEquals("DELETE 3", delete.statusMessage());
        assertEquals(3, delete.rowcount());

        QueryResult select = s.execute("SELECT * FROM items");
        assertEquals("SELECT 7", select.statusMessage());
        assertEquals(7, select.rowcount());

        QueryResult none = s.execute("SELECT * FROM items WHERE id < 0");
        assertEquals(0, none.rowcount());
        assertTrue(none.hasRows());
        assertEquals(3, none.columnCount());

        QueryResult returning = s.execute("UPDATE items SET label = 'x' WHERE id IN (1, 2) RETURNING id");
        assertEquals("UPDATE 2", returning.statusMessage());
        assertEquals(2, returning.rowcount());
        assertEquals(2, returning.rowCount());
    }

    @Test
    void statementsWithoutACountReportMinusOne() {
        QueryResult r = s.execute("CREATE TEMP TABLE other (a int)");
        assertEquals("CREATE TABLE", r.statusMessage());
        assertEquals(-1, r.rowcount());
        assertEquals(-1, s.execute("SET search_path TO public").rowcount());
    }

    @Test
    void emptyQueryHasNoTagAndNoCount() {
        QueryResult r = s.execute("");
        assertTrue(r.isEmptyQuery());
        assertNull(r.statusMessage());
        assertEquals(-1, r.rowcount());
        assertEquals(0, r.columnCount());
    }

    @Test
    void valuesDecodeNativelyOrAsTextAndNullStaysNull() {
        QueryResult r = s.execute("SELECT 42::int2, 42::int4, 9000000000::int8, 1.5::float8, true, 'héllo'::text,"
                + " 12.30::numeric, NULL::int4, '2024-02-29'::date");
        Object[] nat = r.rows(0, 1, r.defaultModes())[0];
        assertArrayEquals(new Object[] {42, 42, 9000000000L, 1.5, Boolean.TRUE, "héllo", "12.30", null,
            "2024-02-29"}, nat);
        int[] text = new int[r.columnCount()];
        Object[] raw = r.rows(0, 1, text)[0];
        assertArrayEquals(new Object[] {"42", "42", "9000000000", "1.5", "t", "héllo", "12.30", null, "2024-02-29"},
                raw);
    }

    @Test
    void valuesAndQueriesLargerThanTheBuffersRoundTrip() {
        String big = "é".repeat(300_000); // 600 kB of UTF-8, in a query and in a DataRow
        QueryResult r = s.execute("SELECT '" + big + "' AS v, length('" + big + "')");
        Object[] row = r.rows(0, 1, r.defaultModes())[0];
        assertEquals(big, row[0]);
        assertEquals(300_000, row[1]);
    }

    @Test
    void theCodecChangesWhenTheSessionIsToldNotOnASetRunAsAQuery() {
        // psycopg2's rule: set_client_encoding switches the codec; a SET in a query does not
        s.execute("SET client_encoding TO 'LATIN1'");
        assertEquals("LATIN1", s.parameterStatus("client_encoding"));
        QueryResult r = s.execute("SELECT length('héllo wörld')");
        assertEquals(13, r.rows(0, 1, r.defaultModes())[0][0], "still sent as UTF-8: two bytes each for é and ö");
        s.useClientCodec("iso8859_1");
        r = s.execute("SELECT 'héllo wörld', length('héllo wörld')");
        assertArrayEquals(new Object[] {"héllo wörld", 11}, r.rows(0, 1, r.defaultModes())[0]);
        s.execute("RESET client_encoding");
        s.useClientCodec("utf_8");
        assertEquals("UTF8", s.parameterStatus("client_encoding"));
        r = s.execute("SELECT 'héllo'");
        assertEquals("héllo", r.rows(0, 1, r.defaultModes())[0][0]);
    }

    @Test
    void columnsTakeBackWhatTheRowTheyStopAtHadAdded() {
        s.execute("SET client_encoding TO 'SQL_ASCII'");
        s.useClientCodec("ascii");
        QueryResult r = s.execute("SELECT 't' || i, NULLIF(i, 3), CASE WHEN i = 3 THEN chr(233) ELSE 'x' END, 'u' || i"
                + " FROM generate_series(1, 5) i");
        Object[] batch = r.columns(0, 5, r.defaultModes());
        Object[] columns = (Object[]) batch[0];
        assertEquals(2, batch[3]);
        assertEquals("t1\0t2", columns[0]);
        assertArrayEquals(new int[0], ((int[][]) batch[1])[1]);
        assertEquals("x\0x", columns[2]);
        assertEquals("u1\0u2", columns[3]);
    }

    @Test
    void queryBytesGoOutAsTheyAreAndTheServerJudgesThem() {
        QueryResult ok = s.executeBytes("SELECT 'caf\u00c3\u00a9'"); // UTF-8 bytes, one char each
        assertEquals("café", ok.rows(0, 1, ok.defaultModes())[0][0]);
        PgServerException e = assertThrows(PgServerException.class, () -> s.executeBytes("SELECT '\u00ff'"));
        assertEquals("22021", e.sqlstate());
        QueryResult r = s.execute("SELECT 'after'");
        assertEquals("after", r.rows(0, 1, r.defaultModes())[0][0]);
    }

    @Test
    void errorAfterSomeRowsDiscardsThemAndKeepsTheSession() {
        PgServerException e = assertThrows(PgServerException.class,
                () -> s.execute("SELECT 10 / (3 - i) FROM generate_series(1, 5) i"));
        assertEquals("22012", e.sqlstate());
        QueryResult r = s.execute("SELECT 'after'");
        assertEquals("after", r.rows(0, 1, r.defaultModes())[0][0]);
    }

    @Test
    void rowsAreServedInBatches() {
        QueryResult r = s.execute("SELECT i FROM generate_series(1, 1000) i");
        int[] modes = r.defaultModes();
        assertEquals(1000, r.rowCount());
        Object[][] middle = r.rows(500, 503, modes);
        assertEquals(3, middle.length);
        assertEquals(501, middle[0][0]);
        assertEquals(0, r.rows(2000, 3000, modes).length);
        Object[] batch = r.batch(998, 1000, modes);
        assertEquals(2, ((Object[][]) batch[0]).length);
        assertEquals(0, ((int[]) batch[1]).length);
    }

    @Test
    void batchListsTheRowsHoldingNulls() {
        QueryResult r = s.execute("SELECT CASE WHEN i % 2 = 0 THEN NULL ELSE i END FROM generate_series(1, 6) i");
        Object[] batch = r.batch(0, 6, r.defaultModes());
        assertArrayEquals(new int[] {1, 3, 5}, (int[]) batch[1]);
    }

    private static java.nio.ByteBuffer packed(Object column) {
        return java.nio.ByteBuffer.wrap(((String) column).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .order(java.nio.ByteOrder.nativeOrder());
    }

    private static long[] longs(Object column) {
        java.nio.LongBuffer b = packed(column).asLongBuffer();
        long[] out = new long[b.remaining()];
        b.get(out);
        return out;
    }

    private static int[] ints(Object column) {
        java.nio.IntBuffer b = packed(column).asIntBuffer();
        int[] out = new int[b.remaining()];
        b.get(out);
        return out;
    }

    private static double[] doubles(Object column) {
        java.nio.DoubleBuffer b = packed(column).asDoubleBuffer();
        double[] out = new double[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void columnsComePackedOrAsJoinedTextWithTheirNullRows() {
        QueryResult r = s.execute("SELECT NULLIF(i, 2), NULLIF(i * 0.5::float8, 1.5), NULLIF(i % 2 = 0, true),"
                + " NULLIF('v' || i, 'v1'), NULLIF(i::int8 << 40, 0), i::numeric FROM generate_series(1, 4) i");
        int[] modes = r.defaultModes();
        Object[] batch = r.columns(0, 4, modes);
        Object[] columns = (Object[]) batch[0];
        int[][] nulls = (int[][]) batch[1];
        assertEquals("id?tqt", batch[4], "each column's packing, in struct's letters");
        assertArrayEquals(new int[] {1, 0, 3, 4}, ints(columns[0]));
        assertArrayEquals(new int[] {1}, nulls[0]);
        assertArrayEquals(new double[] {0.5, 1.0, 0, 2.0}, doubles(columns[1]));
        assertArrayEquals(new int[] {2}, nulls[1]);
        assertEquals("\0\0\0\0", columns[2], "booleans one byte each, 1 for true");
        assertArrayEquals(new int[] {1, 3}, nulls[2]);
        assertEquals("\0v2\0v3\0v4", columns[3]);
        assertArrayEquals(new int[] {0}, nulls[3]);
        assertArrayEquals(new long[] {1L << 40, 2L << 40, 3L << 40, 4L << 40}, longs(columns[4]));
        assertEquals("1\0" + "2\0" + "3\0" + "4", columns[5], "numeric stays text for Python to cast");
        assertArrayEquals(new int[0], nulls[5]);
        assertNull(batch[2]);
        assertEquals(4, batch[3]);
        assertEquals(2, r.columns(2, 9, modes)[3]);
    }

    @Test
    void smallIntegersArePackedInFourBytesAndOidsUnsigned() {
        QueryResult r = s.execute("SELECT (-5)::int2, (-7)::int4, 4000000000::oid, (-9)::int8");
        Object[] batch = r.columns(0, 1, r.defaultModes());
        Object[] columns = (Object[]) batch[0];
        assertEquals("iiIq", batch[4]);
        assertArrayEquals(new int[] {-5}, ints(columns[0]));
        assertArrayEquals(new int[] {-7}, ints(columns[1]));
        assertEquals(4000000000L, Integer.toUnsignedLong(ints(columns[2])[0]));
        assertArrayEquals(new long[] {-9}, longs(columns[3]));
    }

    @Test
    void textColumnsDecodedWholeKeepEveryValueAndAReplacementCharOfTheData() {
        QueryResult r = s.execute("SELECT CASE WHEN i = 2 THEN NULL ELSE 'caf\u00e9 ' || i END,"
                + " CASE WHEN i = 3 THEN 'x' || chr(65533) ELSE '' END FROM generate_series(1, 4) i");
        Object[] batch = r.columns(0, 4, r.defaultModes());
        Object[] columns = (Object[]) batch[0];
        assertEquals("caf\u00e9 1\0\0caf\u00e9 3\0caf\u00e9 4", columns[0]);
        assertArrayEquals(new int[] {1}, ((int[][]) batch[1])[0]);
        assertEquals("\0\0x\uFFFD\0", columns[1], "U+FFFD in the data itself: read value by value");
        assertNull(batch[2]);
        assertEquals(4, batch[3]);
    }

    @Test
    void columnsStopBeforeAnUndecodableValue() {
        s.execute("SET client_encoding TO 'SQL_ASCII'");
        s.useClientCodec("ascii");
        QueryResult r = s.execute("SELECT i, CASE WHEN i = 3 THEN chr(233) ELSE 'x' END FROM generate_series(1, 5) i");
        Object[] batch = r.columns(0, 5, r.defaultModes());
        assertEquals(2, batch[3]);
        assertArrayEquals(new int[] {1, 2}, ints(((Object[]) batch[0])[0]));
        assertEquals("\u00c3\u00a9", batch[2], "the UTF-8 bytes of the value, one char each");
    }
}
