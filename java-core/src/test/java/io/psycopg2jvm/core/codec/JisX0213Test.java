package io.psycopg2jvm.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.psycopg2jvm.core.codec.JisX0213.Form;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.UnmappableCharacterException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The JIS X 0213 charsets. Every input against CPython's codecs is checked by the Python suite
 * (test_encodings.JisX0213CodecDifferentialTests); here, the readings where the two forms or
 * the JVM's own tables differ, and the JVM charset's handling of buffers and errors.
 */
class JisX0213Test {
    private static final Charset SJIS = PgEncodings.charset("SHIFT_JIS_2004");
    private static final Charset EUC = PgEncodings.charset("EUC_JIS_2004");

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void postgresNamesGiveTheCharsets() {
        assertSame(JisX0213Charset.SHIFT_JIS_2004, SJIS);
        assertSame(JisX0213Charset.EUC_JIS_2004, EUC);
        assertSame(SJIS, PgEncodings.forPythonCodec("shift_jis_2004"));
        assertTrue(JisX0213.available());
    }

    @Test
    void shiftJisReadsAsCpython() {
        assertEquals("\u00a5\u203e", new String(bytes(0x5C, 0x7E), SJIS)); // JIS X 0201 Roman
        assertEquals("\\~", new String(bytes(0x81, 0x5F, 0x81, 0xB0), SJIS));
        assertEquals("\u2015\u2225\u2226\u2985\u2986",
                new String(bytes(0x81, 0x5C, 0x81, 0xD2, 0x81, 0xD3, 0x81, 0xD4, 0x81, 0xD5), SJIS));
        assertEquals("\u304b\u309a", new String(bytes(0x82, 0xF5), SJIS)); // one code, two code points
        assertEquals("\ud840\udc89", new String(bytes(0xF0, 0x40), SJIS)); // plane 2, U+20089
        assertEquals("\uff76", new String(bytes(0xB6), SJIS));
    }

    @Test
    void eucReadsAsCpython() {
        assertEquals("\\~", new String(bytes(0x5C, 0x7E), EUC));
        assertEquals("\uff3c\uff5e", new String(bytes(0xA1, 0xC0, 0xA2, 0xB2), EUC));
        assertEquals("\u304b\u309a", new String(bytes(0xA4, 0xF7), EUC));
        assertEquals("\ud840\udc89", new String(bytes(0x8F, 0xA1, 0xA1), EUC));
        assertEquals("~", new String(bytes(0x8F, 0xA2, 0xB7), EUC)); // JIS X 0212, where plane 2 has none
        assertEquals("\uff76", new String(bytes(0x8E, 0xB6), EUC));
    }

    @Test
    void writingPairsAndTheFormsOwnPlaces() {
        assertArrayEquals(bytes(0x82, 0xF5, 0x82, 0xA9), "\u304b\u309a\u304b".getBytes(SJIS));
        assertArrayEquals(bytes(0x5C, 0x7E, 0x81, 0x5F, 0x81, 0xB0), "\u00a5\u203e\\~".getBytes(SJIS));
        assertArrayEquals(bytes(0xA1, 0xC0, 0x5C), "\uff3c\\".getBytes(EUC));
        assertArrayEquals(bytes(0x8F, 0xA1, 0xA1, 0xAB, 0xE5), "\ud840\udc89\u02e9\u02e5".getBytes(EUC));
        assertArrayEquals(bytes('?'), "\uff3c".getBytes(SJIS)); // Shift_JIS reads that place as '\'
    }

    @Test
    void aPairSplitAcrossEncodeCallsIsStillOneCode() throws CharacterCodingException {
        CharsetEncoder encoder = SJIS.newEncoder();
        ByteBuffer out = ByteBuffer.allocate(16);
        encoder.encode(CharBuffer.wrap("a\u304b"), out, false);
        assertEquals(1, out.position()); // the kana waits for what follows
        encoder.encode(CharBuffer.wrap("\u309a\u304b"), out, true);
        encoder.flush(out);
        assertArrayEquals(bytes('a', 0x82, 0xF5, 0x82, 0xA9), Arrays.copyOf(out.array(), out.position()));
    }

    @Test
    void decodingByteByByteAndIntoSmallBuffers() {
        byte[] input = "\u304b\u309a\u65e5 \ud840\udc89 \u2985".getBytes(EUC);
        CharsetDecoder decoder = EUC.newDecoder();
        CharBuffer out = CharBuffer.allocate(32);
        ByteBuffer in = ByteBuffer.allocate(input.length);
        for (int i = 0; i < input.length; i++) {
            in.put(input[i]).flip();
            assertTrue(decoder.decode(in, out, false).isUnderflow());
            in.compact();
        }
        in.flip();
        decoder.decode(in, out, true);
        decoder.flush(out);
        assertEquals("\u304b\u309a\u65e5 \ud840\udc89 \u2985", out.flip().toString());

        CharBuffer one = CharBuffer.allocate(1);
        assertTrue(EUC.newDecoder().decode(ByteBuffer.wrap(bytes(0xA4, 0xF7)), one, true).isOverflow());
    }

    @Test
    void badInputIsReportedOrReplaced() {
        CharsetDecoder strict = SJIS.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        MalformedInputException illegal = assertThrows(MalformedInputException.class,
                () -> strict.decode(ByteBuffer.wrap(bytes('a', 0x80, 'b'))));
        assertEquals(1, illegal.getInputLength());
        assertThrows(MalformedInputException.class, () -> strict.decode(ByteBuffer.wrap(bytes('a', 0x82))));
        assertEquals("a\ufffd b", new String(bytes('a', 0x81, 0x20, 'b'), SJIS)); // the lead byte alone
        assertThrows(UnmappableCharacterException.class,
                () -> EUC.newEncoder().onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap("\u2014")));
        assertThrows(UndecodableTextException.class,
                () -> TextValueDecoder.text(bytes(0xA4, 0x20), 0, 2, EUC));
    }

    @Test
    void stepsCountCodePointsAsPythonDoes() {
        // U+20089 is two Java chars and one Python code point
        Object[] step = new JisX0213.Encoding(Form.EUC, "\ud840\udc89\u2014x", "strict").step(0, true);
        assertEquals(Arrays.asList("\u008f\u00a1\u00a1", 1, 2, JisX0213.ILLEGAL_REASON), Arrays.asList(step));
        step = new JisX0213.Encoding(Form.EUC, "\ud840\udc89\u2014x", "replace").step(0, true);
        assertEquals(Arrays.asList("\u008f\u00a1\u00a1?x", 3, 3, null), Arrays.asList(step));
        // not the last piece: a kana that may start a pair waits
        step = new JisX0213.Encoding(Form.SHIFT_JIS, "a\u304b", "strict").step(0, false);
        assertEquals(Arrays.asList("a", 1, 1, null), Arrays.asList(step));

        JisX0213.Decoding decoding = new JisX0213.Decoding(Form.SHIFT_JIS, "a\u0080b\u0082", "strict");
        assertEquals(Arrays.asList("a", 1, 2, JisX0213.ILLEGAL_REASON), Arrays.asList(decoding.step(0, true)));
        assertEquals(Arrays.asList("b", 3, 4, JisX0213.INCOMPLETE_REASON), Arrays.asList(decoding.step(2, true)));
        assertEquals(Arrays.asList("b", 3, 3, null), Arrays.asList(decoding.step(2, false)));
        assertEquals(Arrays.asList("a\ufffdb\ufffd", 4, 4, null),
                Arrays.asList(new JisX0213.Decoding(Form.SHIFT_JIS, "a\u0080b\u0082", "replace").step(0, true)));
    }

    @Test
    void everyCodeReadBackWritesTheSameBytes() {
        assertEveryCodeRoundTrips(SJIS, 0x40, 0xFC); // lead bytes 0xA0-0xDF are one-byte kana
        assertEveryCodeRoundTrips(EUC, 0xA1, 0xFE);
    }

    /** Every two-byte code the charset reads writes back as itself, alone and all in one text. */
    private static void assertEveryCodeRoundTrips(Charset charset, int trailFrom, int trailTo) {
        ByteArrayOutputStream codes = new ByteArrayOutputStream();
        StringBuilder text = new StringBuilder();
        for (int b1 = 0x81; b1 <= 0xFE; b1++) {
            if (charset == SJIS && b1 >= 0xA0 && b1 < 0xE0) {
                continue;
            }
            for (int b2 = trailFrom; b2 <= trailTo; b2++) {
                byte[] code = bytes(b1, b2);
                String read = new String(code, charset);
                if (read.contains("\ufffd")) {
                    continue;
                }
                assertArrayEquals(code, read.getBytes(charset), charset + " " + read);
                // kept apart: a character next to a combining one would be written as a pair
                codes.writeBytes(code);
                codes.write('|');
                text.append(read).append('|');
            }
        }
        assertTrue(codes.size() > 3 * 8000, charset + " reads " + codes.size() / 3 + " codes");
        assertArrayEquals(codes.toByteArray(), text.toString().getBytes(charset));
    }
}
