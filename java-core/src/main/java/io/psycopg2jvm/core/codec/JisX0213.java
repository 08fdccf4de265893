package io.psycopg2jvm.core.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.UnsupportedCharsetException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * JIS X 0213:2004 in its two byte forms, Shift_JIS-2004 and EUC-JIS-2004 (PostgreSQL's
 * SHIFT_JIS_2004 and EUC_JIS_2004), read and written as CPython's {@code shift_jis_2004} and
 * {@code euc_jis_2004} codecs do, one sequence at a time; {@link JisX0213Charset} and the Python
 * codec GraalPy lacks are both built on it.
 *
 * <p>The JVM ships JIS X 0213 only as {@code x-SJIS_0213}: the two planes are read from it once,
 * then the codes where CPython reads otherwise are put right. EUC's three-byte codes fall back to
 * JIS X 0212 (the JVM's {@code JIS_X0212-1990}) where plane 2 has no character, as CPython's do.
 */
public final class JisX0213 {
    /** The byte form. */
    public enum Form {
        SHIFT_JIS, EUC
    }

    /** {@link #decodeOne}: the input ends inside a sequence. */
    public static final long INCOMPLETE = -1;
    /** {@link #decodeOne} and {@link #encodeOne}: no character for the byte, or no bytes for it. */
    public static final long ILLEGAL = -2;
    /** {@link #encodeOne}: the character may start a pair with the next one, which is yet to come. */
    public static final long NEED_MORE = -3;
    /** {@link #encodeOne}'s next code point when the text ends there, or may go on. */
    public static final int END = -1;
    public static final int MORE_TO_COME = -2;

    /** CPython's reason for a bad sequence, and for one the input ends in. */
    public static final String ILLEGAL_REASON = "illegal multibyte sequence";
    public static final String INCOMPLETE_REASON = "incomplete multibyte sequence";

    private static final int CELLS = 94 * 94;
    private static final int CP_BITS = 21;
    private static final long CP_MASK = (1L << CP_BITS) - 1;

    private JisX0213() {
    }

    /** Whether this JVM has the tables (the jdk.charsets module). */
    public static boolean available() {
        try {
            Tables.get();
            return true;
        } catch (UnsupportedCharsetException | IllegalStateException e) {
            return false;
        }
    }

    // -- decoding ---------------------------------------------------------

    /**
     * The sequence starting at {@code in[pos]} (input ends at {@code end}): its length in bytes
     * and its one or two code points, read with {@link #length}, {@link #first} and
     * {@link #second}; or {@link #INCOMPLETE} (a CPython error from {@code pos} to {@code end}),
     * or {@link #ILLEGAL} (an error of one byte).
     */
    public static long decodeOne(Form form, byte[] in, int pos, int end) {
        return form == Form.EUC ? decodeEuc(in, pos, end) : decodeShiftJis(in, pos, end);
    }

    public static int length(long sequence) {
        return (int) (sequence >>> (2 * CP_BITS));
    }

    public static int first(long sequence) {
        return (int) (sequence & CP_MASK);
    }

    /** The second code point, or 0 for a sequence of one. */
    public static int second(long sequence) {
        return (int) ((sequence >>> CP_BITS) & CP_MASK);
    }

    private static long sequence(int length, long codePoints) {
        return ((long) length << (2 * CP_BITS)) | codePoints;
    }

    private static long decodeShiftJis(byte[] in, int pos, int end) {
        int b1 = in[pos] & 0xff;
        if (b1 < 0x80) {
            // JIS X 0201 Roman: yen sign and overline where ASCII has backslash and tilde
            return sequence(1, b1 == 0x5C ? 0xA5 : b1 == 0x7E ? 0x203E : b1);
        }
        if (b1 >= 0xA1 && b1 <= 0xDF) {
            return sequence(1, 0xFF61 + b1 - 0xA1); // half-width katakana
        }
        if (b1 == 0x80 || b1 == 0xA0 || b1 > 0xFC) {
            return ILLEGAL;
        }
        if (pos + 1 >= end) {
            return INCOMPLETE;
        }
        int code = shiftJisToJis(b1, in[pos + 1] & 0xff);
        if (code < 0) {
            return ILLEGAL;
        }
        long chars = code == Tables.REVERSE_SOLIDUS ? '\\' : code == Tables.TILDE ? '~' : Tables.get().lookup(code);
        return chars == 0 ? ILLEGAL : sequence(2, chars);
    }

    private static long decodeEuc(byte[] in, int pos, int end) {
        int b1 = in[pos] & 0xff;
        if (b1 < 0x80) {
            return sequence(1, b1);
        }
        if (pos + 1 >= end) {
            return INCOMPLETE;
        }
        int b2 = in[pos + 1] & 0xff;
        if (b1 == 0x8E) {
            return b2 >= 0xA1 && b2 <= 0xDF ? sequence(2, 0xFF61 + b2 - 0xA1) : ILLEGAL;
        }
        if (b1 == 0x8F) {
            if (pos + 2 >= end) {
                return INCOMPLETE;
            }
            int b3 = in[pos + 2] & 0xff;
            if (!isEucByte(b2) || !isEucByte(b3)) {
                return ILLEGAL;
            }
            int code = jis(2, b2 - 0xA0, b3 - 0xA0);
            Tables tables = Tables.get();
            long chars = tables.lookup(code);
            if (chars == 0) {
                chars = tables.jisX0212[(b2 - 0xA1) * 94 + (b3 - 0xA1)];
            }
            return chars == 0 ? ILLEGAL : sequence(3, chars);
        }
        if (!isEucByte(b1) || !isEucByte(b2)) {
            return ILLEGAL;
        }
        long chars = Tables.get().lookup(jis(1, b1 - 0xA0, b2 - 0xA0));
        return chars == 0 ? ILLEGAL : sequence(2, chars);
    }

    private static boolean isEucByte(int b) {
        return b >= 0xA1 && b <= 0xFE;
    }

    /** A character's place: plane (1 or 2), row and cell (1-94 each) in one int. */
    static int jis(int plane, int row, int cell) {
        return plane << 16 | row << 8 | cell;
    }

    /** Plane 2's rows in the order Shift_JIS lays them out after plane 1's 94. */
    private static final int[] PLANE2_SJIS_ROWS = {1, 8, 3, 4, 5, 12, 13, 14, 15};

    /** The JIS place of a two-byte Shift_JIS code, or -1 when the second byte cannot follow. */
    static int shiftJisToJis(int b1, int b2) {
        if (b2 < 0x40 || b2 == 0x7F || b2 > 0xFC) {
            return -1;
        }
        int pair = b1 < 0xE0 ? b1 - 0x81 : b1 - 0xC1; // each lead byte holds two rows
        int trail = b2 < 0x7F ? b2 - 0x40 : b2 - 0x41;
        int row = 2 * pair + (trail < 94 ? 0 : 1);
        int cell = (trail < 94 ? trail : trail - 94) + 1;
        if (row < 94) {
            return jis(1, row + 1, cell);
        }
        row -= 94;
        return jis(2, row < PLANE2_SJIS_ROWS.length ? PLANE2_SJIS_ROWS[row] : 78 + row - PLANE2_SJIS_ROWS.length,
                cell);
    }

    /** The two bytes of a JIS place in Shift_JIS, high byte first; -1 for a plane 2 row it lacks. */
    static int jisToShiftJis(int code) {
        int plane = code >> 16;
        int row = (code >> 8 & 0xff) - 1;
        int cell = (code & 0xff) - 1;
        if (plane == 2) {
            int index = -1;
            for (int i = 0; i < PLANE2_SJIS_ROWS.length; i++) {
                if (PLANE2_SJIS_ROWS[i] == row + 1) {
                    index = i;
                }
            }
            if (index < 0 && row + 1 >= 78) {
                index = row + 1 - 78 + PLANE2_SJIS_ROWS.length;
            }
            if (index < 0) {
                return -1;
            }
            row = 94 + index;
        }
        int pair = row / 2;
        int b1 = pair < 31 ? pair + 0x81 : pair + 0xC1;
        int trail = (row % 2) * 94 + cell;
        int b2 = trail < 0x3F ? trail + 0x40 : trail + 0x41;
        return b1 << 8 | b2;
    }

    // -- encoding ---------------------------------------------------------

    /**
     * The bytes of code point {@code cp}, followed by {@code next} ({@link #END} when the text
     * ends, {@link #MORE_TO_COME} when it may go on): read with {@link #byteCount},
     * {@link #bytes} and {@link #consumed} (1, or 2 for a pair written as one code);
     * {@link #ILLEGAL} when the form has no code for it, {@link #NEED_MORE} when only the next
     * code point can tell.
     */
    public static long encodeOne(Form form, int cp, int next) {
        if (cp < 0x80) {
            if (form == Form.EUC || (cp != '\\' && cp != '~')) {
                return encoded(1, 1, cp);
            }
            return encodedJis(form, 1, cp == '\\' ? Tables.REVERSE_SOLIDUS : Tables.TILDE);
        }
        if (cp >= 0xFF61 && cp <= 0xFF9F) {
            int kana = cp - 0xFF61 + 0xA1;
            return form == Form.EUC ? encoded(2, 1, 0x8E00 | kana) : encoded(1, 1, kana);
        }
        if (form == Form.SHIFT_JIS) {
            if (cp == 0xA5 || cp == 0x203E) {
                return encoded(1, 1, cp == 0xA5 ? 0x5C : 0x7E);
            }
            if (cp == 0xFF3C || cp == 0xFF5E) {
                return ILLEGAL; // Shift_JIS reads those places as ASCII's backslash and tilde
            }
        }
        Tables tables = Tables.get();
        if (tables.pairBases.contains(cp)) {
            if (next == MORE_TO_COME) {
                return NEED_MORE;
            }
            Integer pairCode = next > 0 ? tables.pairs.get((long) next << CP_BITS | cp) : null;
            if (pairCode != null) {
                return encodedJis(form, 2, pairCode);
            }
        }
        Integer code = tables.encoding.get(cp);
        if (code != null) {
            return encodedJis(form, 1, code);
        }
        if (form == Form.EUC) {
            Integer x0212 = tables.jisX0212Encoding.get(cp);
            if (x0212 != null) {
                return encoded(3, 1, 0x8F0000 | x0212);
            }
        }
        return ILLEGAL;
    }

    public static int byteCount(long encoded) {
        return (int) (encoded >>> 32) & 0xff;
    }

    /** The bytes, the first in the highest byte of the count. */
    public static int bytes(long encoded) {
        return (int) encoded;
    }

    public static int consumed(long encoded) {
        return (int) (encoded >>> 40);
    }

    private static long encoded(int byteCount, int consumed, int bytes) {
        return (long) consumed << 40 | (long) byteCount << 32 | (bytes & 0xffffffffL);
    }

    private static long encodedJis(Form form, int consumed, int code) {
        if (form == Form.SHIFT_JIS) {
            int sjis = jisToShiftJis(code);
            return sjis < 0 ? ILLEGAL : encoded(2, consumed, sjis);
        }
        int row = (code >> 8 & 0xff) + 0xA0;
        int cell = (code & 0xff) + 0xA0;
        return code >> 16 == 2 ? encoded(3, consumed, 0x8F0000 | row << 8 | cell) : encoded(2, consumed, row << 8 | cell);
    }

    // -- for a codec with error handlers (Python's) -------------------------------

    /**
     * Decoding of one input for a codec that calls error handlers between steps (Python's):
     * each {@link #step} decodes up to the first bad sequence. Handlers CPython's codecs apply
     * themselves, "ignore" and "replace", are applied here too.
     */
    public static final class Decoding {
        private final Form form;
        private final byte[] in;
        private final String errors;

        /** {@code bytes} one char per byte, as latin-1 reads them. */
        public Decoding(Form form, String bytes, String errors) {
            this.form = form;
            this.in = bytes.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            this.errors = errors;
        }

        /**
         * From byte {@code from}: {text, stop, errorEnd, reason}. With no error, reason is null
         * and stop is where decoding ended: the end, or (when not {@code last}) the start of a
         * sequence the input ends in. Otherwise the error is CPython's, from stop to errorEnd.
         */
        public Object[] step(int from, boolean last) {
            StringBuilder text = new StringBuilder();
            int pos = from;
            while (pos < in.length) {
                long seq = decodeOne(form, in, pos, in.length);
                if (seq == INCOMPLETE && !last) {
                    break;
                }
                if (seq < 0) {
                    int errorEnd = seq == INCOMPLETE ? in.length : pos + 1;
                    if (!handled(errors, text, '\uFFFD')) {
                        return new Object[] {text.toString(), pos, errorEnd,
                            seq == INCOMPLETE ? INCOMPLETE_REASON : ILLEGAL_REASON};
                    }
                    pos = errorEnd;
                    continue;
                }
                text.appendCodePoint(first(seq));
                if (second(seq) != 0) {
                    text.appendCodePoint(second(seq));
                }
                pos += length(seq);
            }
            return new Object[] {text.toString(), pos, pos, null};
        }
    }

    /** Encoding of one text for a codec that calls error handlers between steps; see {@link Decoding}. */
    public static final class Encoding {
        private final Form form;
        private final String text;
        private final String errors;
        /** Where the last step stopped, in chars and in code points, so the next starts there at once. */
        private int charIndex;
        private int cpIndex;

        public Encoding(Form form, String text, String errors) {
            this.form = form;
            this.text = text;
            this.errors = errors;
        }

        /**
         * From code point {@code from} (Python's positions): {bytes one char each, stop, errorEnd,
         * reason}. With no error, reason is null and stop is where encoding ended: the end, or
         * (when not {@code last}) a last character that may start a pair.
         */
        public Object[] step(int from, boolean last) {
            charIndex = from >= cpIndex ? text.offsetByCodePoints(charIndex, from - cpIndex)
                    : text.offsetByCodePoints(0, from);
            cpIndex = from;
            StringBuilder out = new StringBuilder();
            while (charIndex < text.length()) {
                int cp = text.codePointAt(charIndex);
                int after = charIndex + Character.charCount(cp);
                int next = after < text.length() ? text.codePointAt(after) : last ? END : MORE_TO_COME;
                long e = encodeOne(form, cp, next);
                if (e == NEED_MORE) {
                    break;
                }
                if (e == ILLEGAL) {
                    if (!handled(errors, out, '?')) {
                        return new Object[] {out.toString(), cpIndex, cpIndex + 1, ILLEGAL_REASON};
                    }
                    charIndex = after;
                    cpIndex++;
                    continue;
                }
                int value = bytes(e);
                for (int k = byteCount(e) - 1; k >= 0; k--) {
                    out.append((char) (value >> (8 * k) & 0xff));
                }
                for (int n = consumed(e); n > 0; n--) {
                    charIndex += Character.charCount(text.codePointAt(charIndex));
                    cpIndex++;
                }
            }
            return new Object[] {out.toString(), cpIndex, cpIndex, null};
        }
    }

    /** Applies "ignore" or "replace" (with {@code replacement}) to an error; false for other handlers. */
    private static boolean handled(String errors, StringBuilder out, char replacement) {
        if ("replace".equals(errors)) {
            out.append(replacement);
            return true;
        }
        return "ignore".equals(errors);
    }

    // -- the tables -------------------------------------------------------

    /** Built on first use from the JVM's charsets. */
    private static final class Tables {
        /** Plane 1's backslash and tilde places: full-width in EUC, ASCII in Shift_JIS. */
        static final int REVERSE_SOLIDUS = jis(1, 1, 32);
        static final int TILDE = jis(1, 2, 18);

        /** Places the JVM reads otherwise than CPython, and CPython's characters for them. */
        private static final int[][] CPYTHON_READINGS = {
            {jis(1, 1, 29), 0x2015}, // horizontal bar, where the JVM has an em dash
            {jis(1, 2, 52), 0x2225}, // parallel-to signs, where the JVM has white parentheses
            {jis(1, 2, 53), 0x2226},
            {jis(1, 2, 54), 0x2985}, // white parentheses, where the JVM has full-width ones
            {jis(1, 2, 55), 0x2986},
        };

        /** JIS X 0212 places the JVM reads otherwise than CPython. */
        private static final int[][] CPYTHON_X0212_READINGS = {
            {jis(1, 2, 23), '~'},
        };

        private static volatile Tables instance;

        /** Two planes of 94 x 94 places: one or two code points each, 0 for none. */
        final long[] planes = new long[2 * CELLS];
        final long[] jisX0212 = new long[CELLS];
        final Map<Integer, Integer> encoding = new HashMap<>();
        final Map<Integer, Integer> jisX0212Encoding = new HashMap<>();
        /** Pairs of code points written as one code, keyed second << 21 | first. */
        final Map<Long, Integer> pairs = new HashMap<>();
        /** First code points of those pairs. */
        final Set<Integer> pairBases = new HashSet<>();

        static Tables get() {
            Tables t = instance;
            if (t == null) {
                synchronized (Tables.class) {
                    t = instance;
                    if (t == null) {
                        t = new Tables();
                        instance = t;
                    }
                }
            }
            return t;
        }

        long lookup(int code) {
            return planes[index(code)];
        }

        /** A place's index in a table of planes of 94 x 94. */
        private static int index(int code) {
            return ((code >> 16) - 1) * CELLS + ((code >> 8 & 0xff) - 1) * 94 + (code & 0xff) - 1;
        }

        private Tables() {
            CharsetDecoder sjis = strict(Charset.forName("x-SJIS_0213"));
            for (int b1 = 0x81; b1 <= 0xFC; b1++) {
                if (b1 >= 0xA0 && b1 < 0xE0) {
                    continue;
                }
                for (int b2 = 0x40; b2 <= 0xFC; b2++) {
                    int code = shiftJisToJis(b1, b2);
                    if (code >= 0) {
                        put(planes, code, read(sjis, (byte) b1, (byte) b2));
                    }
                }
            }
            for (int[] reading : CPYTHON_READINGS) {
                put(planes, reading[0], reading[1]);
            }
            CharsetDecoder x0212 = strict(Charset.forName("JIS_X0212-1990"));
            for (int row = 1; row <= 94; row++) {
                for (int cell = 1; cell <= 94; cell++) {
                    put(jisX0212, jis(1, row, cell), read(x0212, (byte) (row + 0x20), (byte) (cell + 0x20)));
                }
            }
            for (int[] reading : CPYTHON_X0212_READINGS) {
                put(jisX0212, reading[0], reading[1]);
            }
            for (int i = 0; i < planes.length; i++) {
                long chars = planes[i];
                if (chars == 0) {
                    continue;
                }
                int code = jis(i / CELLS + 1, i % CELLS / 94 + 1, i % 94 + 1);
                int firstCp = first(chars);
                int secondCp = second(chars);
                if (secondCp != 0) {
                    pairs.put((long) secondCp << CP_BITS | firstCp, code);
                    pairBases.add(firstCp);
                } else {
                    encoding.putIfAbsent(firstCp, code);
                }
            }
            for (int base : pairBases) {
                if (!encoding.containsKey(base)) {
                    // the encoders hold a pair's first code point back; it must have a code alone
                    throw new IllegalStateException("a JIS X 0213 pair starts with U+" + Integer.toHexString(base)
                            + ", which has no code of its own");
                }
            }
            for (int i = 0; i < CELLS; i++) {
                if (jisX0212[i] != 0) {
                    jisX0212Encoding.putIfAbsent(first(jisX0212[i]), (i / 94 + 0xA1) << 8 | (i % 94 + 0xA1));
                }
            }
        }

        private static CharsetDecoder strict(Charset charset) {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        /** The code points of two bytes, packed as in a table; 0 when the charset has none. */
        private static long read(CharsetDecoder decoder, byte b1, byte b2) {
            String s;
            try {
                s = decoder.reset().decode(ByteBuffer.wrap(new byte[] {b1, b2})).toString();
            } catch (CharacterCodingException e) {
                return 0;
            }
            int[] cps = s.codePoints().toArray();
            if (cps.length == 1) {
                return cps[0];
            }
            if (cps.length == 2) {
                return (long) cps[1] << CP_BITS | cps[0];
            }
            throw new IllegalStateException("unexpected reading of a JIS X 0213 code: " + s);
        }

        private static void put(long[] table, int code, long chars) {
            table[index(code)] = chars;
        }
    }
}
