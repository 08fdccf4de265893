package io.psycopg2jvm.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PgEncodingsTest {

    @ParameterizedTest
    @CsvSource({
        "UTF8, utf_8", "SQL_ASCII, ascii", "LATIN1, iso8859_1", "LATIN5, iso8859_9",
        "LATIN6, iso8859_10", "LATIN10, iso8859_16", "ISO_8859_5, iso8859_5", "WIN866, cp866",
        "WIN874, cp874", "WIN1258, cp1258", "KOI8R, koi8_r", "KOI8U, koi8_u", "EUC_JP, euc_jp",
        "EUC_CN, euccn", "EUC_KR, euc_kr", "EUC_JIS_2004, euc_jis_2004", "SJIS, cp932",
        "SHIFT_JIS_2004, shift_jis_2004", "BIG5, big5", "GBK, gbk", "GB18030, gb18030",
        "UHC, cp949", "JOHAB, johab",
    })
    void serverNamesMapToPsycopg2sCodecs(String pgName, String codec) {
        assertEquals(codec, PgEncodings.pythonCodec(pgName));
    }

    @Test
    void encodingsWithoutAPythonCodecHaveNone() {
        assertNull(PgEncodings.pythonCodec("EUC_TW"));
        assertNull(PgEncodings.pythonCodec("MULE_INTERNAL"));
        assertThrows(IllegalArgumentException.class, () -> PgEncodings.charset("EUC_TW"));
    }

    @Test
    void namesAreCleanedAsPsycopg2CleansThem() {
        assertEquals("SQLASCII", PgEncodings.clean("sql_ascii"));
        assertEquals("LATIN1", PgEncodings.clean("Latin-1"));
        assertEquals("LATIN1", PgEncodings.clean("latin 1"));
        assertEquals("iso8859_2", PgEncodings.pythonCodec("latin-2"));
    }

    @ParameterizedTest
    @CsvSource({
        "utf_8", "ascii", "iso8859_1", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5",
        "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_9", "iso8859_10", "iso8859_13",
        "iso8859_14", "iso8859_15", "iso8859_16", "cp866", "cp874", "cp1250", "cp1251", "cp1252",
        "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "koi8_r", "koi8_u",
        "euc_jp", "euc_kr", "euccn", "cp932", "big5", "cp950", "gbk", "gb18030", "cp949", "johab",
        "euc_jis_2004", "shift_jis_2004",
    })
    void everyCodecOfTheTableHasACharset(String codec) {
        assertNotNull(PgEncodings.forPythonCodec(codec), codec);
    }

    @Test
    void cp874IsWindowsTableWithCurlyQuotes() {
        Charset cp874 = PgEncodings.forPythonCodec("cp874");
        assertEquals("\u201c\u2026\u00a0\u0e01", new String(new byte[] {(byte) 0x93, (byte) 0x85, (byte) 0xa0,
            (byte) 0xa1}, cp874));
    }

    @Test
    void builtIso8859PartsReadAndWriteAsPython() throws CharacterCodingException {
        Charset latin6 = PgEncodings.charset("LATIN6");
        Charset latin8 = PgEncodings.charset("LATIN8");
        assertEquals("\u2015\u0138\u00a7", new String(new byte[] {(byte) 0xbd, (byte) 0xff, (byte) 0xa7}, latin6));
        assertEquals("\u1e02\u0178\u00ff", new String(new byte[] {(byte) 0xa1, (byte) 0xaf, (byte) 0xff}, latin8));
        for (Charset cs : new Charset[] {latin6, latin8}) {
            byte[] all = new byte[256];
            for (int b = 0; b < 256; b++) {
                all[b] = (byte) b;
            }
            String text = new String(all, cs);
            assertEquals(256, text.length());
            assertArrayEquals(all, encodeStrictly(cs, text));
        }
        assertThrows(CharacterCodingException.class, () -> encodeStrictly(latin6, "\u20ac"));
        assertThrows(CharacterCodingException.class, () -> encodeStrictly(latin8, "\ud83d\ude00"));
    }

    @Test
    void textValuesAreDecodedStrictly() {
        byte[] eAcute = {'a', (byte) 0xc3, (byte) 0xa9};
        assertEquals("a\u00e9", TextValueDecoder.text(eAcute, 0, 3, StandardCharsets.UTF_8));
        UndecodableTextException e = assertThrows(UndecodableTextException.class,
            () -> TextValueDecoder.text(eAcute, 0, 3, StandardCharsets.US_ASCII));
        assertArrayEquals(eAcute, e.bytes());
        byte[] replacement = "x\ufffd".getBytes(StandardCharsets.UTF_8);
        assertEquals("x\ufffd", TextValueDecoder.text(replacement, 0, replacement.length, StandardCharsets.UTF_8));
        byte[] truncated = {(byte) 0xe2, (byte) 0x82};
        assertThrows(UndecodableTextException.class,
            () -> TextValueDecoder.text(truncated, 0, 2, StandardCharsets.UTF_8));
    }

    private static byte[] encodeStrictly(Charset cs, String text) throws CharacterCodingException {
        ByteBuffer b = cs.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
