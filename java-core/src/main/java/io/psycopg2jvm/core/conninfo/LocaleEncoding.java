package io.psycopg2jvm.core.conninfo;

import java.util.Locale;
import java.util.Map;

/**
 * What client_encoding=auto means, as libpq decides it: the encoding of the process's locale
 * (LC_ALL, else LC_CTYPE, else LANG), named as PostgreSQL names encodings. The C and POSIX
 * locales are SQL_ASCII; a locale whose character set PostgreSQL does not know gives "" (no
 * client_encoding is sent, the server's default applies).
 */
final class LocaleEncoding {
    private static final Map<String, String> BY_CODESET = Map.ofEntries(
            Map.entry("utf8", "UTF8"),
            Map.entry("iso88591", "LATIN1"), Map.entry("iso88592", "LATIN2"),
            Map.entry("iso88593", "LATIN3"), Map.entry("iso88594", "LATIN4"),
            Map.entry("iso88595", "ISO_8859_5"), Map.entry("iso88596", "ISO_8859_6"),
            Map.entry("iso88597", "ISO_8859_7"), Map.entry("iso88598", "ISO_8859_8"),
            Map.entry("iso88599", "LATIN5"), Map.entry("iso885910", "LATIN6"),
            Map.entry("iso885913", "LATIN7"), Map.entry("iso885914", "LATIN8"),
            Map.entry("iso885915", "LATIN9"), Map.entry("iso885916", "LATIN10"),
            Map.entry("koi8r", "KOI8R"), Map.entry("koi8u", "KOI8U"),
            Map.entry("cp866", "WIN866"), Map.entry("cp874", "WIN874"),
            Map.entry("cp1250", "WIN1250"), Map.entry("cp1251", "WIN1251"), Map.entry("cp1252", "WIN1252"),
            Map.entry("cp1253", "WIN1253"), Map.entry("cp1254", "WIN1254"), Map.entry("cp1255", "WIN1255"),
            Map.entry("cp1256", "WIN1256"), Map.entry("cp1257", "WIN1257"), Map.entry("cp1258", "WIN1258"),
            Map.entry("eucjp", "EUC_JP"), Map.entry("euckr", "EUC_KR"), Map.entry("euccn", "EUC_CN"),
            Map.entry("gb2312", "EUC_CN"), Map.entry("euctw", "EUC_TW"), Map.entry("gbk", "GBK"),
            Map.entry("cp936", "GBK"), Map.entry("gb18030", "GB18030"), Map.entry("big5", "BIG5"),
            Map.entry("sjis", "SJIS"), Map.entry("shiftjis", "SJIS"), Map.entry("cp932", "SJIS"),
            Map.entry("cp949", "UHC"), Map.entry("johab", "JOHAB"),
            Map.entry("eucjis2004", "EUC_JIS_2004"), Map.entry("shiftjis2004", "SHIFT_JIS_2004"),
            Map.entry("ansix341968", "SQL_ASCII"), Map.entry("usascii", "SQL_ASCII"),
            Map.entry("ascii", "SQL_ASCII"));

    private LocaleEncoding() {
    }

    static String of(Map<String, String> environment) {
        String locale = firstSet(environment, "LC_ALL", "LC_CTYPE", "LANG");
        if (locale == null || locale.equals("C") || locale.equals("POSIX")) {
            return "SQL_ASCII";
        }
        int dot = locale.indexOf('.');
        if (dot < 0) {
            return "SQL_ASCII"; // no character set named: the locale's own is unknown here, as C's
        }
        int at = locale.indexOf('@', dot);
        String codeset = locale.substring(dot + 1, at < 0 ? locale.length() : at);
        String key = codeset.toLowerCase(Locale.ROOT).replaceAll("[-_.]", "");
        return BY_CODESET.getOrDefault(key, "");
    }

    private static String firstSet(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }
}
