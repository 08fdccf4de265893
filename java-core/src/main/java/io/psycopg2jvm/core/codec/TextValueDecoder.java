package io.psycopg2jvm.core.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/**
 * Text-format values the JVM can turn into final values itself, so that Python receives ready
 * ints, floats, bools and strings: the per-value hot path of fetching rows.
 */
public final class TextValueDecoder {
    public static final int BOOL = 16;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT4 = 23;
    public static final int TEXT = 25;
    public static final int OID = 26;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;
    public static final int BPCHAR = 1042;
    public static final int VARCHAR = 1043;
    public static final int NAME = 19;
    public static final int CHAR = 18;
    public static final int UNKNOWN = 705;

    private TextValueDecoder() {
    }

    /** Whether {@link #decode} gives the final value for this type (others stay text). */
    public static boolean decodesNatively(int oid) {
        switch (oid) {
            case BOOL: case INT2: case INT4: case INT8: case OID: case FLOAT4: case FLOAT8:
            case TEXT: case VARCHAR: case BPCHAR: case NAME: case CHAR: case UNKNOWN:
                return true;
            default:
                return false;
        }
    }

    public static Object decode(int oid, byte[] buf, int off, int len, Charset charset) {
        switch (oid) {
            case BOOL:
                return booleanValue(buf, off, len);
            case INT2:
            case INT4:
                return (int) longValue(buf, off, len);
            case INT8:
            case OID:
                return longValue(buf, off, len);
            case FLOAT4:
            case FLOAT8:
                return doubleValue(buf, off, len);
            default:
                return text(buf, off, len, charset);
        }
    }

    /**
     * What {@link #decode} makes of a natively decoded type: 'L' a Long or Integer, 'D' a Double,
     * 'B' a Boolean, 'T' a String.
     */
    public static char nativeKind(int oid) {
        switch (oid) {
            case BOOL:
                return 'B';
            case INT2:
            case INT4:
            case INT8:
            case OID:
                return 'L';
            case FLOAT4:
            case FLOAT8:
                return 'D';
            default:
                return 'T';
        }
    }

    /**
     * A text value decoded strictly, as psycopg2 decodes values (names and messages are decoded
     * leniently elsewhere). The JVM's fast decoding replaces bad bytes with U+FFFD, so only a
     * value that shows one is checked again with a strict decoder.
     *
     * @throws UndecodableTextException when the bytes are not valid in the charset
     */
    public static String text(byte[] buf, int off, int len, Charset charset) {
        String s = new String(buf, off, len, charset);
        if (s.indexOf('\uFFFD') >= 0) {
            try {
                charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(buf, off, len));
            } catch (CharacterCodingException e) {
                throw new UndecodableTextException(Arrays.copyOfRange(buf, off, off + len));
            }
        }
        return s;
    }

    /** The value of an int2, int4, int8 or oid's text. */
    public static long longValue(byte[] buf, int off, int len) {
        return len < 19 ? parseLong(buf, off, len) : Long.parseLong(ascii(buf, off, len));
    }

    /** The value of a float4 or float8's text (NaN and the infinities included). */
    public static double doubleValue(byte[] buf, int off, int len) {
        double exact = exactDecimal(buf, off, len);
        if (exact == exact) { // not NaN: the text was a plain decimal within the fast path
            return exact;
        }
        String s = ascii(buf, off, len);
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(s);
        }
    }

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    /**
     * The double nearest a decimal text {@code [-]digits[.digits][e[+|-]digits]} whose digits,
     * read as an integer, are at most 2^53 and whose power of ten is within 10^22 either way:
     * both are exact doubles, so one multiplication or division rounds as Double.parseDouble
     * does (Clinger's fast path), without making a String. NaN for any other text.
     */
    static double exactDecimal(byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        boolean negative = i < end && buf[i] == '-';
        if (negative) {
            i++;
        }
        long digits = 0;
        int scale = 0; // digits after the point
        int count = 0;
        boolean point = false;
        for (; i < end; i++) {
            int b = buf[i];
            if (b >= '0' && b <= '9') {
                if (digits > (1L << 53) / 10) {
                    return Double.NaN;
                }
                digits = digits * 10 + (b - '0');
                count++;
                if (point) {
                    scale++;
                }
            } else if (b == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (count == 0 || digits > (1L << 53)) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < end) {
            if ((buf[i] | 0x20) != 'e' || ++i == end) {
                return Double.NaN;
            }
            boolean negativeExponent = buf[i] == '-';
            if (buf[i] == '-' || buf[i] == '+') {
                i++;
            }
            if (i == end || end - i > 3) {
                return Double.NaN;
            }
            for (; i < end; i++) {
                int b = buf[i];
                if (b < '0' || b > '9') {
                    return Double.NaN;
                }
                exponent = exponent * 10 + (b - '0');
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        int power = exponent - scale;
        if (power < -22 || power > 22) {
            return Double.NaN;
        }
        double value = power >= 0 ? digits * POWERS_OF_TEN[power] : digits / POWERS_OF_TEN[-power];
        return negative ? -value : value;
    }

    /** The value of a bool's text. */
    public static boolean booleanValue(byte[] buf, int off, int len) {
        return buf[off] == 't';
    }

    /** Digits with an optional sign, that fit a long (fewer than 19 chars). */
    private static long parseLong(byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        boolean negative = buf[i] == '-';
        if (negative) {
            i++;
        }
        long v = 0;
        for (; i < end; i++) {
            v = v * 10 + (buf[i] - '0');
        }
        return negative ? -v : v;
    }

    private static String ascii(byte[] buf, int off, int len) {
        return new String(buf, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
