package io.psycopg2jvm.core.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;

/**
 * A charset of one byte per character, given by the characters of bytes 0x80-0xFF (bytes below
 * 0x80 are ASCII). For the ISO 8859 parts that the JVM does not ship (10 and 14), with the tables
 * Python's codecs of the same name use, so both sides read and write the same bytes.
 */
final class SingleByteCharset extends Charset {
    /** Marks a byte that stands for no character. */
    static final char UNDEFINED = '\uFFFE';

    private final char[] high;
    private final byte[][] encodePages = new byte[256][];

    SingleByteCharset(String name, String highHalf) {
        super(name, null);
        if (highHalf.length() != 128) {
            throw new IllegalArgumentException("a single-byte table holds 128 characters");
        }
        high = highHalf.toCharArray();
        for (int b = 0; b < 256; b++) {
            char c = b < 128 ? (char) b : high[b - 128];
            if (c == UNDEFINED) {
                continue;
            }
            byte[] page = encodePages[c >> 8];
            if (page == null) {
                page = new byte[256]; // 0 = no byte: no character above 0x7F is written as 0x00
                encodePages[c >> 8] = page;
            }
            page[c & 0xff] = (byte) b;
        }
    }

    @Override
    public boolean contains(Charset cs) {
        return cs == this || cs.name().equals("US-ASCII");
    }

    private int encodeOne(char c) {
        if (c < 128) {
            return c;
        }
        byte[] page = encodePages[c >> 8];
        if (page == null || page[c & 0xff] == 0) {
            return -1;
        }
        return page[c & 0xff] & 0xff;
    }

    @Override
    public CharsetDecoder newDecoder() {
        return new CharsetDecoder(this, 1f, 1f) {
            @Override
            protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
                while (in.hasRemaining()) {
                    if (!out.hasRemaining()) {
                        return CoderResult.OVERFLOW;
                    }
                    int b = in.get(in.position()) & 0xff;
                    char c = b < 128 ? (char) b : high[b - 128];
                    if (c == UNDEFINED) {
                        return CoderResult.unmappableForLength(1);
                    }
                    in.position(in.position() + 1);
                    out.put(c);
                }
                return CoderResult.UNDERFLOW;
            }
        };
    }

    @Override
    public CharsetEncoder newEncoder() {
        return new CharsetEncoder(this, 1f, 1f) {
            @Override
            public boolean canEncode(char c) {
                return encodeOne(c) >= 0;
            }

            @Override
            protected CoderResult encodeLoop(CharBuffer in, ByteBuffer out) {
                while (in.hasRemaining()) {
                    char c = in.get(in.position());
                    if (Character.isSurrogate(c)) {
                        // a pair is one character no single byte can hold; a lone half is malformed
                        if (Character.isHighSurrogate(c) && in.remaining() >= 2
                                && Character.isLowSurrogate(in.get(in.position() + 1))) {
                            return CoderResult.unmappableForLength(2);
                        }
                        if (Character.isHighSurrogate(c) && in.remaining() < 2) {
                            return CoderResult.UNDERFLOW;
                        }
                        return CoderResult.malformedForLength(1);
                    }
                    int b = encodeOne(c);
                    if (b < 0) {
                        return CoderResult.unmappableForLength(1);
                    }
                    if (!out.hasRemaining()) {
                        return CoderResult.OVERFLOW;
                    }
                    in.position(in.position() + 1);
                    out.put((byte) b);
                }
                return CoderResult.UNDERFLOW;
            }
        };
    }
}
