package io.psycopg2jvm.core.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Tells whether a string's ISO-8859-1 bytes ({@code String.getBytes(ISO_8859_1)}, an array copy
 * for the JDK's compact strings) are its own ASCII text: then they are its bytes in UTF-8 and in
 * every client encoding, with nothing to encode or check.
 */
public final class Latin1Ascii {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;
    private static final long QUESTION_MARKS = 0x3F3F3F3F3F3F3F3FL;

    private Latin1Ascii() {
    }

    /**
     * True when no byte is above 0x7F and none is '?', which is what getBytes writes for a char
     * ISO-8859-1 lacks (a '?' of the text itself is then indistinguishable: the caller takes the
     * slow path). Eight bytes at a time: java-core runs C1-compiled in pgpython, where a plain
     * byte loop over 13 MB took 8 times as long.
     */
    public static boolean isPlainAscii(byte[] latin1) {
        int i = 0;
        int n = latin1.length;
        for (; i + 8 <= n; i += 8) {
            long x = (long) LONGS.get(latin1, i);
            long q = x ^ QUESTION_MARKS; // a '?' byte is now zero
            long hasZeroByte = (q - ONES) & ~q & HIGH_BITS;
            if (((x & HIGH_BITS) | hasZeroByte) != 0) {
                return false;
            }
        }
        for (; i < n; i++) {
            if (latin1[i] < 0 || latin1[i] == '?') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether any byte is '?': in {@code String.getBytes(UTF_8)}'s output, the mark of a lone
     * surrogate, which only then needs looking for (eight bytes at a time, as above).
     */
    public static boolean hasQuestionMark(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        for (; i + 8 <= n; i += 8) {
            long q = (long) LONGS.get(bytes, i) ^ QUESTION_MARKS;
            if (((q - ONES) & ~q & HIGH_BITS) != 0) {
                return true;
            }
        }
        for (; i < n; i++) {
            if (bytes[i] == '?') {
                return true;
            }
        }
        return false;
    }
}
