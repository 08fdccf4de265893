package io.psycopg2jvm.core.codec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Client encodings: the Python codec psycopg2 reads each PostgreSQL encoding with, and the JVM
 * charset that reads and writes the same bytes as that codec.
 *
 * <p>The charsets are keyed by Python codec, not by PostgreSQL name, because psycopg2 decodes
 * with the codec its table gives (for 'ALT' it is cp866 whatever the server calls it). Each JVM
 * charset here agrees with CPython's codec on every byte of the single-byte encodings (checked
 * table against table; the JVM has no ISO 8859-10 and -14, so they are built from Python's
 * tables). For the multibyte encodings the JVM's charsets are the ones GraalPy's own codecs use,
 * so the text Python encodes is the text Java decodes; they differ from CPython's in rarely used
 * areas (vendor extensions, user-defined ranges). JIS X 0213 (EUC_JIS_2004, SHIFT_JIS_2004) has
 * neither a JVM charset nor a GraalPy codec: {@link JisX0213} is both, read as CPython reads it.
 */
public final class PgEncodings {
    /** PostgreSQL's names for encodings, as the server reports client_encoding, to Python codecs. */
    private static final Map<String, String> PYTHON_CODECS = new HashMap<>();
    /** Python codec to JVM charset name. */
    private static final Map<String, String> JAVA_NAMES = new HashMap<>();
    /** Python codecs whose tables the JVM lacks, built here. */
    private static final Map<String, Charset> BUILT = new HashMap<>();

    private static final String C1_CONTROLS;

    static {
        StringBuilder c1 = new StringBuilder();
        for (char c = 0x80; c < 0xA0; c++) {
            c1.append(c);
        }
        C1_CONTROLS = c1.toString();

        PYTHON_CODECS.put("UTF8", "utf_8");
        PYTHON_CODECS.put("UNICODE", "utf_8");
        PYTHON_CODECS.put("SQLASCII", "ascii");
        // LATINn are ISO 8859 parts under another numbering
        int[] latinParts = {1, 2, 3, 4, 9, 10, 13, 14, 15, 16};
        for (int n = 1; n <= latinParts.length; n++) {
            PYTHON_CODECS.put("LATIN" + n, "iso8859_" + latinParts[n - 1]);
        }
        for (int part = 5; part <= 8; part++) {
            PYTHON_CODECS.put("ISO8859" + part, "iso8859_" + part);
        }
        for (int cp = 1250; cp <= 1258; cp++) {
            PYTHON_CODECS.put("WIN" + cp, "cp" + cp);
        }
        PYTHON_CODECS.put("WIN866", "cp866");
        PYTHON_CODECS.put("WIN874", "cp874");
        PYTHON_CODECS.put("KOI8R", "koi8_r");
        PYTHON_CODECS.put("KOI8U", "koi8_u");
        PYTHON_CODECS.put("EUCJP", "euc_jp");
        PYTHON_CODECS.put("EUCKR", "euc_kr");
        PYTHON_CODECS.put("EUCCN", "euccn");
        PYTHON_CODECS.put("EUCJIS2004", "euc_jis_2004");
        PYTHON_CODECS.put("SJIS", "cp932");
        PYTHON_CODECS.put("SHIFTJIS2004", "shift_jis_2004");
        PYTHON_CODECS.put("BIG5", "big5");
        PYTHON_CODECS.put("GBK", "gbk");
        PYTHON_CODECS.put("GB18030", "gb18030");
        PYTHON_CODECS.put("UHC", "cp949");
        PYTHON_CODECS.put("JOHAB", "johab");

        JAVA_NAMES.put("utf_8", "UTF-8");
        JAVA_NAMES.put("ascii", "US-ASCII");
        for (int part : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 15, 16}) {
            JAVA_NAMES.put("iso8859_" + part, "ISO-8859-" + part);
        }
        for (int cp = 1250; cp <= 1258; cp++) {
            JAVA_NAMES.put("cp" + cp, "windows-" + cp);
        }
        JAVA_NAMES.put("cp866", "IBM866");
        JAVA_NAMES.put("cp874", "x-windows-874"); // not x-IBM874, which differs from Python's cp874
        JAVA_NAMES.put("koi8_r", "KOI8-R");
        JAVA_NAMES.put("koi8_u", "KOI8-U");
        JAVA_NAMES.put("euc_jp", "EUC-JP");
        JAVA_NAMES.put("euc_kr", "EUC-KR");
        JAVA_NAMES.put("euccn", "GB2312");
        JAVA_NAMES.put("cp932", "windows-31j");
        JAVA_NAMES.put("big5", "Big5");
        JAVA_NAMES.put("cp950", "x-windows-950");
        JAVA_NAMES.put("gbk", "GBK");
        JAVA_NAMES.put("gb18030", "GB18030");
        JAVA_NAMES.put("cp949", "x-windows-949");
        JAVA_NAMES.put("johab", "x-Johab");

        BUILT.put("shift_jis_2004", JisX0213Charset.SHIFT_JIS_2004);
        BUILT.put("euc_jis_2004", JisX0213Charset.EUC_JIS_2004);
        BUILT.put("iso8859_10", new SingleByteCharset("x-psycopg2-ISO-8859-10", C1_CONTROLS
                + "\u00A0\u0104\u0112\u0122\u012A\u0128\u0136\u00A7\u013B\u0110\u0160\u0166\u017D\u00AD\u016A\u014A"
                + "\u00B0\u0105\u0113\u0123\u012B\u0129\u0137\u00B7\u013C\u0111\u0161\u0167\u017E\u2015\u016B\u014B"
                + "\u0100\u00C1\u00C2\u00C3\u00C4\u00C5\u00C6\u012E\u010C\u00C9\u0118\u00CB\u0116\u00CD\u00CE\u00CF"
                + "\u00D0\u0145\u014C\u00D3\u00D4\u00D5\u00D6\u0168\u00D8\u0172\u00DA\u00DB\u00DC\u00DD\u00DE\u00DF"
                + "\u0101\u00E1\u00E2\u00E3\u00E4\u00E5\u00E6\u012F\u010D\u00E9\u0119\u00EB\u0117\u00ED\u00EE\u00EF"
                + "\u00F0\u0146\u014D\u00F3\u00F4\u00F5\u00F6\u0169\u00F8\u0173\u00FA\u00FB\u00FC\u00FD\u00FE\u0138"));
        BUILT.put("iso8859_14", new SingleByteCharset("x-psycopg2-ISO-8859-14", C1_CONTROLS
                + "\u00A0\u1E02\u1E03\u00A3\u010A\u010B\u1E0A\u00A7\u1E80\u00A9\u1E82\u1E0B\u1EF2\u00AD\u00AE\u0178"
                + "\u1E1E\u1E1F\u0120\u0121\u1E40\u1E41\u00B6\u1E56\u1E81\u1E57\u1E83\u1E60\u1EF3\u1E84\u1E85\u1E61"
                + "\u00C0\u00C1\u00C2\u00C3\u00C4\u00C5\u00C6\u00C7\u00C8\u00C9\u00CA\u00CB\u00CC\u00CD\u00CE\u00CF"
                + "\u0174\u00D1\u00D2\u00D3\u00D4\u00D5\u00D6\u1E6A\u00D8\u00D9\u00DA\u00DB\u00DC\u00DD\u0176\u00DF"
                + "\u00E0\u00E1\u00E2\u00E3\u00E4\u00E5\u00E6\u00E7\u00E8\u00E9\u00EA\u00EB\u00EC\u00ED\u00EE\u00EF"
                + "\u0175\u00F1\u00F2\u00F3\u00F4\u00F5\u00F6\u1E6B\u00F8\u00F9\u00FA\u00FB\u00FC\u00FD\u0177\u00FF"));
    }

    private PgEncodings() {
    }

    /** psycopg2's spelling of an encoding name: letters and digits only, upper case. */
    public static String clean(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 128 && Character.isLetterOrDigit(c)) {
                b.append(Character.toUpperCase(c));
            }
        }
        return b.toString();
    }

    /** The Python codec psycopg2 uses for an encoding as the server names it, or null. */
    public static String pythonCodec(String pgName) {
        return pgName == null ? null : PYTHON_CODECS.get(clean(pgName));
    }

    /** The JVM charset that reads and writes bytes as the named Python codec does, or null. */
    public static Charset forPythonCodec(String codec) {
        if (codec == null) {
            return null;
        }
        String key = codec.toLowerCase(Locale.ROOT).replace('-', '_');
        Charset built = BUILT.get(key);
        if (built != null) {
            return built instanceof JisX0213Charset && !JisX0213.available() ? null : built;
        }
        String javaName = JAVA_NAMES.get(key);
        return javaName != null && Charset.isSupported(javaName) ? Charset.forName(javaName) : null;
    }

    /**
     * The charset for a client_encoding value as the server reports it; UTF-8 for null.
     *
     * @throws IllegalArgumentException for an encoding without a charset here (MULE_INTERNAL,
     *     EUC_TW)
     */
    public static Charset charset(String pgName) {
        if (pgName == null) {
            return StandardCharsets.UTF_8;
        }
        Charset charset = forPythonCodec(pythonCodec(pgName));
        if (charset == null) {
            throw new IllegalArgumentException("no charset for the client encoding " + pgName);
        }
        return charset;
    }
}
