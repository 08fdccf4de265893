package io.psycopg2jvm.core.codec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** PostgreSQL encoding names (client_encoding) and the Java charsets that read and write them. */
public final class PgEncodings {
    private static final Map<String, String> JAVA_NAMES = new HashMap<>();

    static {
        JAVA_NAMES.put("UTF8", "UTF-8");
        JAVA_NAMES.put("UNICODE", "UTF-8");
        JAVA_NAMES.put("SQL_ASCII", "US-ASCII");
        JAVA_NAMES.put("LATIN1", "ISO-8859-1");
        JAVA_NAMES.put("LATIN2", "ISO-8859-2");
        JAVA_NAMES.put("LATIN3", "ISO-8859-3");
        JAVA_NAMES.put("LATIN4", "ISO-8859-4");
        JAVA_NAMES.put("LATIN5", "ISO-8859-9");
        JAVA_NAMES.put("LATIN6", "ISO-8859-10");
        JAVA_NAMES.put("LATIN7", "ISO-8859-13");
        JAVA_NAMES.put("LATIN8", "ISO-8859-14");
        JAVA_NAMES.put("LATIN9", "ISO-8859-15");
        JAVA_NAMES.put("LATIN10", "ISO-8859-16");
        JAVA_NAMES.put("ISO_8859_5", "ISO-8859-5");
        JAVA_NAMES.put("ISO_8859_6", "ISO-8859-6");
        JAVA_NAMES.put("ISO_8859_7", "ISO-8859-7");
        JAVA_NAMES.put("ISO_8859_8", "ISO-8859-8");
        for (int cp = 1250; cp <= 1258; cp++) {
            JAVA_NAMES.put("WIN" + cp, "windows-" + cp);
        }
        JAVA_NAMES.put("WIN866", "IBM866");
        JAVA_NAMES.put("WIN874", "x-windows-874");
        JAVA_NAMES.put("KOI8R", "KOI8-R");
        JAVA_NAMES.put("KOI8U", "KOI8-U");
        JAVA_NAMES.put("EUC_JP", "EUC-JP");
        JAVA_NAMES.put("EUC_KR", "EUC-KR");
        JAVA_NAMES.put("EUC_CN", "GB2312");
        JAVA_NAMES.put("EUC_TW", "x-EUC-TW");
        JAVA_NAMES.put("SJIS", "Shift_JIS");
        JAVA_NAMES.put("SHIFT_JIS_2004", "Shift_JIS");
        JAVA_NAMES.put("EUC_JIS_2004", "EUC-JP");
        JAVA_NAMES.put("BIG5", "Big5");
        JAVA_NAMES.put("GBK", "GBK");
        JAVA_NAMES.put("GB18030", "GB18030");
        JAVA_NAMES.put("UHC", "x-windows-949");
        JAVA_NAMES.put("JOHAB", "x-Johab");
    }

    private PgEncodings() {
    }

    /** The charset for a client_encoding value; PostgreSQL ignores case, dashes and underscores. */
    public static Charset charset(String pgName) {
        if (pgName == null) {
            return StandardCharsets.UTF_8;
        }
        String key = pgName.toUpperCase(Locale.ROOT).replace("-", "");
        String javaName = JAVA_NAMES.get(key);
        if (javaName == null) {
            javaName = JAVA_NAMES.get(key.replace("_", ""));
        }
        if (javaName == null || !Charset.isSupported(javaName)) {
            throw new IllegalArgumentException("encoding not supported by the JVM: " + pgName);
        }
        return Charset.forName(javaName);
    }
}
