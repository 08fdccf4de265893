package io.psycopg2jvm.core.codec;

import io.psycopg2jvm.core.codec.JisX0213.Form;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;

/** Shift_JIS-2004 or EUC-JIS-2004 as a JVM charset, reading and writing what CPython's codecs do. */
final class JisX0213Charset extends Charset {
    static final JisX0213Charset SHIFT_JIS_2004 = new JisX0213Charset("x-psycopg2-Shift_JIS-2004", Form.SHIFT_JIS);
    static final JisX0213Charset EUC_JIS_2004 = new JisX0213Charset("x-psycopg2-EUC-JIS-2004", Form.EUC);

    private final Form form;

    private JisX0213Charset(String name, Form form) {
        super(name, null);
        this.form = form;
    }

    @Override
    public boolean contains(Charset cs) {
        return cs == this || cs.name().equals("US-ASCII") && form == Form.EUC;
    }

    @Override
    public CharsetDecoder newDecoder() {
        return new CharsetDecoder(this, 1f, 2f) {
            private final byte[] window = new byte[3];

            @Override
            protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
                while (in.hasRemaining()) {
                    int n = Math.min(3, in.remaining());
                    for (int k = 0; k < n; k++) {
                        window[k] = in.get(in.position() + k);
                    }
                    long seq = JisX0213.decodeOne(form, window, 0, n);
                    if (seq == JisX0213.INCOMPLETE) {
                        return CoderResult.UNDERFLOW; // at the end of the input, malformed
                    }
                    if (seq == JisX0213.ILLEGAL) {
                        return CoderResult.malformedForLength(1);
                    }
                    int first = JisX0213.first(seq);
                    int second = JisX0213.second(seq);
                    if (out.remaining() < Character.charCount(first) + (second == 0 ? 0 : Character.charCount(second))) {
                        return CoderResult.OVERFLOW;
                    }
                    out.put(Character.toChars(first));
                    if (second != 0) {
                        out.put(Character.toChars(second));
                    }
                    in.position(in.position() + JisX0213.length(seq));
                }
                return CoderResult.UNDERFLOW;
            }
        };
    }

    @Override
    public CharsetEncoder newEncoder() {
        return new CharsetEncoder(this, 2f, 3f) {
            /** A code point that may start a pair, taken from the input and not yet written; or -1. */
            private int held = -1;

            @Override
            protected CoderResult encodeLoop(CharBuffer in, ByteBuffer out) {
                while (true) {
                    if (held >= 0) {
                        if (!in.hasRemaining()) {
                            return CoderResult.UNDERFLOW;
                        }
                        char c = in.get(in.position());
                        // the second code point of a pair is never a surrogate
                        long e = JisX0213.encodeOne(form, held, Character.isSurrogate(c) ? 0 : c);
                        if (!write(e, out)) {
                            return CoderResult.OVERFLOW;
                        }
                        held = -1;
                        if (JisX0213.consumed(e) == 2) {
                            in.position(in.position() + 1);
                        }
                        continue;
                    }
                    if (!in.hasRemaining()) {
                        return CoderResult.UNDERFLOW;
                    }
                    char c = in.get(in.position());
                    int cp = c;
                    int width = 1;
                    if (Character.isHighSurrogate(c)) {
                        if (in.remaining() < 2) {
                            return CoderResult.UNDERFLOW;
                        }
                        char low = in.get(in.position() + 1);
                        if (!Character.isLowSurrogate(low)) {
                            return CoderResult.malformedForLength(1);
                        }
                        cp = Character.toCodePoint(c, low);
                        width = 2;
                    } else if (Character.isLowSurrogate(c)) {
                        return CoderResult.malformedForLength(1);
                    }
                    long e = JisX0213.encodeOne(form, cp, JisX0213.MORE_TO_COME);
                    if (e == JisX0213.NEED_MORE) {
                        held = cp;
                        in.position(in.position() + width);
                        continue;
                    }
                    if (e == JisX0213.ILLEGAL) {
                        return CoderResult.unmappableForLength(width);
                    }
                    if (!write(e, out)) {
                        return CoderResult.OVERFLOW;
                    }
                    in.position(in.position() + width);
                }
            }

            @Override
            protected CoderResult implFlush(ByteBuffer out) {
                if (held >= 0) {
                    if (!write(JisX0213.encodeOne(form, held, JisX0213.END), out)) {
                        return CoderResult.OVERFLOW;
                    }
                    held = -1;
                }
                return CoderResult.UNDERFLOW;
            }

            @Override
            protected void implReset() {
                held = -1;
            }

            @Override
            public boolean canEncode(char c) {
                return !Character.isSurrogate(c) && JisX0213.encodeOne(form, c, JisX0213.END) >= 0;
            }
        };
    }

    /** Writes an encoded character; false when the buffer has no room for it. */
    private static boolean write(long encoded, ByteBuffer out) {
        int n = JisX0213.byteCount(encoded);
        if (out.remaining() < n) {
            return false;
        }
        int value = JisX0213.bytes(encoded);
        for (int k = n - 1; k >= 0; k--) {
            out.put((byte) (value >> (8 * k)));
        }
        return true;
    }
}
