package io.psycopg2jvm.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Latin1AsciiTest {
    private static boolean plain(String s) {
        return Latin1Ascii.isPlainAscii(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void asciiWithoutQuestionMarksIsPlainAtAnyLengthAndOffset() {
        assertTrue(plain(""));
        String ascii = "0123456789\tabcdefghij\nKLMNOPQRST\\ ~!\u007f";
        for (int length = 1; length <= ascii.length(); length++) {
            String text = ascii.substring(0, length);
            assertTrue(plain(text), text);
        }
    }

    @Test
    void anyByteAboveAsciiOrAQuestionMarkAnywhereIsNot() {
        String base = "x".repeat(37);
        for (int at = 0; at < base.length(); at++) {
            for (String odd : new String[] {"?", "\u00e9", "\u0080", "\u00ff", "\u20ac", "\ud83d", "\ud83d\ude00"}) {
                String text = base.substring(0, at) + odd + base.substring(at);
                assertFalse(plain(text), at + " " + odd);
            }
        }
    }

    @Test
    void bytesNeighbouringAQuestionMarkDoNotHideOrFakeIt() {
        // the zero-byte test borrows across bytes: '>' (0x3E) and '@' (0x40) sit next to '?' (0x3F)
        assertTrue(plain(">@>@>@>@>@>@>@>@"));
        assertFalse(plain(">@>@>@>?>@>@>@>@"));
        assertEquals(true, plain("\u0001\u0000\u003e\u0040\u0001\u0000\u0040\u003e"));
    }

    @Test
    void questionMarksAreFoundAtAnyOffsetAmongAnyBytes() {
        byte[] bytes = "caf\u00e9 na\u00efve >@ \u20ac".repeat(3).getBytes(StandardCharsets.UTF_8);
        assertFalse(Latin1Ascii.hasQuestionMark(bytes));
        for (int at = 0; at < bytes.length; at++) {
            byte[] marked = bytes.clone();
            marked[at] = '?';
            assertTrue(Latin1Ascii.hasQuestionMark(marked), "at " + at);
        }
        assertFalse(Latin1Ascii.hasQuestionMark(new byte[0]));
    }
}
