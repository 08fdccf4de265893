package io.psycopg2jvm.core.session;

import io.psycopg2jvm.core.codec.TextValueDecoder;
import io.psycopg2jvm.core.codec.UndecodableTextException;
import io.psycopg2jvm.core.protocol.backend.RowDescription;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The outcome of one {@code execute}: the last statement's command tag, row count, columns and
 * rows. Rows stay as raw DataRow payloads until a caller asks for a batch, so a result costs
 * little more than its bytes on the wire, and decoding happens once per value, in one call.
 */
public final class QueryResult {
    /** Give the value as text (decoded with the client encoding); the caller casts it. */
    public static final int MODE_TEXT = 0;
    /** Give the final value decoded in Java (Integer, Long, Double, Boolean, String). */
    public static final int MODE_NATIVE = 1;
    /** Results up to this many rows travel with {@link #describe()}. */
    public static final int INLINE_ROWS = 100;

    private final String statusMessage;
    private final RowDescription.Column[] columns;
    private final List<byte[]> rows;
    private final Charset charset;
    private final boolean emptyQuery;
    private final char copyDirection;
    private String[] notices = new String[0];
    private Object[][] notifications = new Object[0][];
    private String[] reportedParameters; // null: none

    QueryResult(String statusMessage, RowDescription.Column[] columns, List<byte[]> rows, Charset charset,
            boolean emptyQuery, char copyDirection) {
        this.statusMessage = statusMessage;
        this.columns = columns;
        this.rows = rows;
        this.charset = charset;
        this.emptyQuery = emptyQuery;
        this.copyDirection = copyDirection;
    }

    /**
     * Notices, notifications and reported settings (name, value pairs) that arrived with this
     * result (the session hands them over).
     */
    void events(String[] notices, Object[][] notifications, String[] reportedParameters) {
        this.notices = notices;
        this.notifications = notifications;
        this.reportedParameters = reportedParameters.length == 0 ? null : reportedParameters;
    }

    public String[] notices() {
        return notices;
    }

    /** Each as {pid, channel, payload}. */
    public Object[][] notifications() {
        return notifications;
    }

    /**
     * Everything a cursor needs after execute, in one interop call: {tag, rowcount, rows held,
     * has rows, empty query, refused COPY direction, names[], type oids[], sizes[], typmods[],
     * table oids[], column numbers[], default modes[], notices[], notifications[][], first batch,
     * reported settings[] (name, value pairs; null when none), the tag's own row count (-1 when
     * it has none: what executemany counts)}.
     * The first batch is {@link #batch} of every row with the default modes when the result is
     * small (up to {@value #INLINE_ROWS} rows), else null: a short query then needs no second
     * call to fetch its rows.
     */
    public Object[] describe() {
        int n = columnCount();
        String[] names = new String[n];
        int[] oids = new int[n];
        int[] sizes = new int[n];
        int[] mods = new int[n];
        int[] tables = new int[n];
        int[] numbers = new int[n];
        for (int i = 0; i < n; i++) {
            names[i] = columns[i].name();
            oids[i] = columns[i].typeOid();
            sizes[i] = columns[i].typeSize();
            mods[i] = columns[i].typeModifier();
            tables[i] = columns[i].tableOid();
            numbers[i] = columns[i].columnNumber();
        }
        int[] modes = defaultModes();
        Object[] first = hasRows() && rows.size() <= INLINE_ROWS ? batch(0, rows.size(), modes) : null;
        return new Object[] {statusMessage, rowcount(), rows.size(), hasRows(), emptyQuery, refusedCopy(), names,
            oids, sizes, mods, tables, numbers, modes, notices, notifications, first, reportedParameters,
            tagRowcount(statusMessage)};
    }

    /** The last CommandComplete tag ("SELECT 3", "INSERT 0 1"), or null. */
    public String statusMessage() {
        return statusMessage;
    }

    /**
     * psycopg2's rowcount: the rows a SELECT returned or the rows a DML statement touched (the
     * number at the end of the tag), -1 when the statement reports none.
     */
    public long rowcount() {
        if (columns != null) {
            return rows.size();
        }
        return tagRowcount(statusMessage);
    }

    /** The row count a CommandComplete tag ends with ("INSERT 0 5": 5), -1 for tags without one. */
    static long tagRowcount(String tag) {
        if (tag == null) {
            return -1;
        }
        int space = tag.lastIndexOf(' ');
        if (space < 0) {
            return -1;
        }
        String verb = tag.substring(0, tag.indexOf(' '));
        switch (verb) {
            case "INSERT": case "UPDATE": case "DELETE": case "SELECT": case "MOVE": case "FETCH":
            case "COPY": case "MERGE":
                try {
                    return Long.parseLong(tag.substring(space + 1));
                } catch (NumberFormatException e) {
                    return -1;
                }
            default:
                return -1;
        }
    }

    /** True when the last statement returned rows (a RowDescription came), even zero of them. */
    public boolean hasRows() {
        return columns != null;
    }

    /** The server answered with EmptyQueryResponse: the query held no statement. */
    public boolean isEmptyQuery() {
        return emptyQuery;
    }

    /**
     * "FROM" or "TO" when the statement started a COPY FROM STDIN / TO STDOUT, which execute()
     * refuses (the COPY is aborted or drained); null otherwise.
     */
    public String refusedCopy() {
        return copyDirection == 'i' ? "FROM" : copyDirection == 'o' ? "TO" : null;
    }

    public int columnCount() {
        return columns == null ? 0 : columns.length;
    }

    public String columnName(int i) {
        return columns[i].name();
    }

    public int columnType(int i) {
        return columns[i].typeOid();
    }

    public int columnTypmod(int i) {
        return columns[i].typeModifier();
    }

    public int columnSize(int i) {
        return columns[i].typeSize();
    }

    public int columnTable(int i) {
        return columns[i].tableOid();
    }

    public int columnNumber(int i) {
        return columns[i].columnNumber();
    }

    public int rowCount() {
        return rows.size();
    }

    /** Modes that decode natively every column Java can, and leave the rest as text. */
    public int[] defaultModes() {
        int[] modes = new int[columnCount()];
        for (int i = 0; i < modes.length; i++) {
            modes[i] = TextValueDecoder.decodesNatively(columns[i].typeOid()) ? MODE_NATIVE : MODE_TEXT;
        }
        return modes;
    }

    /**
     * Rows {@code from} (inclusive) to {@code to} (exclusive), each an Object[] of column values,
     * null for SQL NULL. {@code modes[i]} says how column i is decoded.
     *
     * @throws UndecodableTextException when a text value is not valid in the client encoding
     */
    public Object[][] rows(int from, int to, int[] modes) {
        int end = Math.min(to, rows.size());
        int start = Math.max(0, Math.min(from, end));
        Object[][] out = new Object[end - start][];
        for (int r = start; r < end; r++) {
            out[r - start] = decodeRow(rows.get(r), modes);
        }
        return out;
    }

    /**
     * A batch for Python in one interop call: {@code {Object[][] rows, int[] rowsWithNulls,
     * String undecodable}}. GraalPy shows a Java null read from an array as a foreign None that
     * json and pickle refuse, so the caller replaces nulls, in just the rows listed. When a row
     * holds text not valid in the client encoding the batch stops before it and {@code
     * undecodable} is that value's bytes, one char each (else null): the caller raises its
     * codec's error for that row, as psycopg2 does when it is fetched, and asks for the rows
     * after it later.
     */
    public Object[] batch(int from, int to, int[] modes) {
        int end = Math.min(to, rows.size());
        int start = Math.max(0, Math.min(from, end));
        Object[][] out = new Object[end - start][];
        String undecodable = null;
        int done = 0;
        try {
            for (; done < out.length; done++) {
                out[done] = decodeRow(rows.get(start + done), modes);
            }
        } catch (UndecodableTextException e) {
            undecodable = e.latin1();
            out = Arrays.copyOf(out, done);
        }
        int[] withNulls = new int[out.length];
        int n = 0;
        for (int r = 0; r < out.length; r++) {
            for (Object v : out[r]) {
                if (v == null) {
                    withNulls[n++] = r;
                    break;
                }
            }
        }
        return new Object[] {out, Arrays.copyOf(withNulls, n), undecodable};
    }

    /**
     * Rows {@code from} to {@code to} column by column, for Python to build its rows with a few
     * bulk calls instead of one interop read per value: {@code {Object[] columns, int[][] nulls,
     * String undecodable, int count, String kinds}}. A natively decoded integer, float or boolean
     * column comes packed: its values' bytes in native byte order (4 per int2, int4 or oid, 8 per
     * int8 or float8, 1 per boolean), one char per byte, which Python reads with one
     * {@code memoryview.cast} (turning a long[] into a list costs an interop read per value);
     * {@code kinds} tells each column's packing in struct's letters: 'i', 'I', 'q', 'd', '?', or
     * 't' for any other column, its values joined by NUL (no PostgreSQL text holds one), split
     * again in one call. {@code nulls[c]} lists the
     * rows where column c is NULL (their places hold 0, false or ""). {@code undecodable} as in
     * {@link #batch}: the columns then stop before that row, {@code count} rows long.
     */
    public Object[] columns(int from, int to, int[] modes) {
        Object[] joined = columns(from, to, modes, true);
        return joined != null ? joined : columns(from, to, modes, false);
    }

    /**
     * With {@code joinBytes}, a text column's raw bytes are joined (a NUL between values) and
     * decoded once: a String per value cost C1-compiled code more than the decoding. A value the
     * client encoding cannot read shows as U+FFFD in the lenient decoding (a NUL ends any
     * multibyte sequence, so no value can spill into the next): then null, and the caller goes
     * value by value ({@code joinBytes} false) to tell which one, as a U+FFFD in the data
     * itself does too.
     */
    private Object[] columns(int from, int to, int[] modes, boolean joinBytes) {
        int end = Math.min(to, rows.size());
        int start = Math.max(0, Math.min(from, end));
        int size = end - start;
        int width = columns.length;
        char[] kinds = new char[width];
        byte[][] packed = new byte[width][];
        StringBuilder[] texts = new StringBuilder[width];
        byte[][] textBytes = new byte[width][];
        int[] textLengths = new int[width];
        int[] textMarks = new int[width]; // each text's length before the current row
        int[][] nullRows = new int[width][];
        int[] nullCounts = new int[width];
        for (int c = 0; c < width; c++) {
            int oid = columns[c].typeOid();
            char kind = modes[c] == MODE_NATIVE ? TextValueDecoder.nativeKind(oid) : 'T';
            kinds[c] = kind == 'L' ? integerKind(oid) : kind == 'D' ? 'd' : kind == 'B' ? '?' : 't';
            if (kinds[c] == 't' && joinBytes) {
                textBytes[c] = new byte[Math.max(16, 16 * size)];
            } else if (kinds[c] == 't') {
                texts[c] = new StringBuilder();
            } else {
                packed[c] = new byte[packedSize(kinds[c]) * size];
            }
            nullRows[c] = new int[size];
        }
        String undecodable = null;
        int n = 0;
        for (; n < size; n++) {
            byte[] p = rows.get(start + n);
            for (int c = 0; c < width; c++) {
                if (textBytes[c] != null && n > 0) {
                    textBytes[c] = room(textBytes[c], textLengths[c] + 1);
                    textBytes[c][textLengths[c]++] = 0;
                }
                if (texts[c] != null) {
                    textMarks[c] = texts[c].length();
                    if (n > 0) {
                        texts[c].append('\0');
                    }
                }
            }
            int at = 2;
            try {
                for (int c = 0; c < width; c++) {
                    int len = int32(p, at);
                    at += 4;
                    if (len < 0) {
                        nullRows[c][nullCounts[c]++] = n;
                        continue;
                    }
                    switch (kinds[c]) {
                        case 'q':
                            putLong(packed[c], 8 * n, TextValueDecoder.longValue(p, at, len));
                            break;
                        case 'i':
                        case 'I':
                            putInt(packed[c], 4 * n, (int) TextValueDecoder.longValue(p, at, len));
                            break;
                        case 'd':
                            putLong(packed[c], 8 * n, Double.doubleToRawLongBits(TextValueDecoder.doubleValue(p, at, len)));
                            break;
                        case '?':
                            packed[c][n] = (byte) (TextValueDecoder.booleanValue(p, at, len) ? 1 : 0);
                            break;
                        default:
                            if (textBytes[c] != null) {
                                textBytes[c] = room(textBytes[c], textLengths[c] + len);
                                System.arraycopy(p, at, textBytes[c], textLengths[c], len);
                                textLengths[c] += len;
                            } else {
                                texts[c].append(TextValueDecoder.text(p, at, len, charset));
                            }
                    }
                    at += len;
                }
            } catch (UndecodableTextException e) {
                // the columns stop before this row: take back what it added
                undecodable = e.latin1();
                for (int c = 0; c < width; c++) {
                    if (texts[c] != null) {
                        texts[c].setLength(textMarks[c]);
                    }
                    if (nullCounts[c] > 0 && nullRows[c][nullCounts[c] - 1] == n) {
                        nullCounts[c]--;
                    }
                }
                break;
            }
        }
        Object[] out = new Object[width];
        int[][] nulls = new int[width][];
        for (int c = 0; c < width; c++) {
            if (textBytes[c] != null) {
                String text = new String(textBytes[c], 0, textLengths[c], charset);
                if (text.indexOf('\uFFFD') >= 0) {
                    return null;
                }
                out[c] = text;
            } else {
                out[c] = texts[c] != null ? texts[c].toString()
                        : new String(packed[c], 0, packedSize(kinds[c]) * n, StandardCharsets.ISO_8859_1);
            }
            nulls[c] = Arrays.copyOf(nullRows[c], nullCounts[c]);
        }
        return new Object[] {out, nulls, undecodable, n, new String(kinds)};
    }

    /**
     * An integer column's packing: int2 and int4 in 4 bytes ('i'), oid unsigned ('I'), int8 in 8
     * ('q'). Fewer bytes matter: GraalPy's {@code .encode('latin-1')} takes ~8 ns a byte.
     */
    private static char integerKind(int oid) {
        return oid == TextValueDecoder.INT8 ? 'q' : oid == TextValueDecoder.OID ? 'I' : 'i';
    }

    private static int packedSize(char kind) {
        return kind == '?' ? 1 : kind == 'i' || kind == 'I' ? 4 : 8;
    }

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    /** Eight bytes of {@code value} at {@code at}, in native byte order (plain shifts: C1 runs them well). */
    /** {@code b}, or a copy at least twice as long when it holds fewer than {@code length} bytes. */
    private static byte[] room(byte[] b, int length) {
        return length <= b.length ? b : Arrays.copyOf(b, Math.max(length, 2 * b.length));
    }

    private static void putInt(byte[] b, int at, int value) {
        for (int k = 0; k < 4; k++) {
            b[at + (LITTLE_ENDIAN ? k : 3 - k)] = (byte) (value >>> (8 * k));
        }
    }

    private static void putLong(byte[] b, int at, long value) {
        for (int k = 0; k < 8; k++) {
            b[at + (LITTLE_ENDIAN ? k : 7 - k)] = (byte) (value >>> (8 * k));
        }
    }

    /** A value's bytes, one char each: Python's .encode('latin-1') gives them back (a byte[]
     * would reach Python as signed numbers). */
    private static int int32(byte[] p, int at) {
        return ((p[at] & 0xff) << 24) | ((p[at + 1] & 0xff) << 16) | ((p[at + 2] & 0xff) << 8) | (p[at + 3] & 0xff);
    }

    private Object[] decodeRow(byte[] p, int[] modes) {
        int n = ((p[0] & 0xff) << 8) | (p[1] & 0xff);
        Object[] values = new Object[n];
        int at = 2;
        for (int c = 0; c < n; c++) {
            int len = int32(p, at);
            at += 4;
            if (len < 0) {
                continue;
            }
            values[c] = modes[c] == MODE_NATIVE
                    ? TextValueDecoder.decode(columns[c].typeOid(), p, at, len, charset)
                    : TextValueDecoder.text(p, at, len, charset);
            at += len;
        }
        return values;
    }
}
