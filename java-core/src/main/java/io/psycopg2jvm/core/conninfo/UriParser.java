package io.psycopg2jvm.core.conninfo;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses libpq connection URIs:
 * {@code postgresql://[user[:password]@][host[:port][,...]][/dbname][?param=value[&...]]}.
 * Several hosts become comma lists in {@code host} and {@code port}, as libpq stores them; query
 * parameters override values from the hierarchical part.
 */
final class UriParser {
    private static final List<String> SCHEMES = List.of("postgresql://", "postgres://");

    private final String uri;
    private int pos;
    /**
     * Decoded values holding bytes that are not UTF-8 (by identity), with their encoded text. They
     * fail only if libpq would have found nothing else wrong and they are kept in the result.
     */
    private final Map<String, String> notUtf8 = new IdentityHashMap<>();

    private UriParser(String uri, int pos) {
        this.uri = uri;
        this.pos = pos;
    }

    /** The length of the URI scheme designator {@code text} starts with, or 0 if it is no URI. */
    static int schemeLength(String text) {
        for (String scheme : SCHEMES) {
            if (text.startsWith(scheme)) {
                return scheme.length();
            }
        }
        return 0;
    }

    static void parseInto(String uri, Map<String, String> into) {
        new UriParser(uri, schemeLength(uri)).parse(into);
    }

    private void parse(Map<String, String> into) {
        parseUserInfo(into);
        parseHosts(into);
        if (pos < uri.length() && uri.charAt(pos) == '/') {
            int start = ++pos;
            while (pos < uri.length() && uri.charAt(pos) != '?') {
                pos++;
            }
            String dbname = uri.substring(start, pos);
            if (!dbname.isEmpty()) {
                into.put(ConnOption.DBNAME.keyword(), decode(dbname));
            }
        }
        if (pos < uri.length() && uri.charAt(pos) == '?') {
            parseQuery(uri.substring(pos + 1), into);
        }
        for (String value : into.values()) {
            if (notUtf8.containsKey(value)) {
                // libpq would pass the bytes on; a Java string cannot hold them (psycopg2's
                // parse_dsn fails too, with a UnicodeDecodeError).
                throw new InvalidConnInfoException(
                        "invalid UTF-8 in percent-encoded value: \"" + notUtf8.get(value) + "\"");
            }
        }
    }

    /** {@code user[:password]@}, recognised by an {@code @} before the first {@code /}. */
    private void parseUserInfo(Map<String, String> into) {
        int slash = uri.indexOf('/', pos);
        int at = uri.indexOf('@', pos);
        if (at < 0 || (slash >= 0 && slash < at)) {
            return;
        }
        int colon = uri.indexOf(':', pos);
        boolean hasPassword = colon >= 0 && colon < at;
        String user = uri.substring(pos, hasPassword ? colon : at);
        if (!user.isEmpty()) {
            into.put(ConnOption.USER.keyword(), decode(user));
        }
        if (hasPassword && colon + 1 < at) {
            into.put(ConnOption.PASSWORD.keyword(), decode(uri.substring(colon + 1, at)));
        }
        pos = at + 1;
    }

    /** {@code host[:port]} items separated by commas; a host may be an IPv6 address in brackets. */
    private void parseHosts(Map<String, String> into) {
        StringBuilder hosts = new StringBuilder();
        StringBuilder ports = new StringBuilder();
        while (true) {
            if (pos < uri.length() && uri.charAt(pos) == '[') {
                int close = uri.indexOf(']', pos + 1);
                if (close < 0) {
                    throw new InvalidConnInfoException("end of string reached when looking for matching \"]\""
                            + " in IPv6 host address in URI: \"" + uri + "\"");
                }
                if (close == pos + 1) {
                    throw new InvalidConnInfoException(
                            "IPv6 host address may not be empty in URI: \"" + uri + "\"");
                }
                hosts.append(uri, pos + 1, close);
                pos = close + 1;
                if (pos < uri.length() && ":/?,".indexOf(uri.charAt(pos)) < 0) {
                    // libpq prints one byte and counts bytes from 1; psycopg2 shows a lone byte of
                    // a multibyte character as U+FFFD.
                    char c = uri.charAt(pos);
                    throw new InvalidConnInfoException("unexpected character \"" + (c < 0x80 ? c : '\ufffd')
                            + "\" at position " + (utf8Length(uri.substring(0, pos)) + 1)
                            + " in URI (expected \":\" or \"/\"): \"" + uri + "\"");
                }
            } else {
                hosts.append(scanUntil(":/?,"));
            }
            if (pos < uri.length() && uri.charAt(pos) == ':') {
                pos++;
                ports.append(scanUntil("/?,"));
            }
            if (pos >= uri.length() || uri.charAt(pos) != ',') {
                break;
            }
            pos++;
            hosts.append(',');
            ports.append(',');
        }
        // libpq decodes the joined lists, so an error message quotes the whole list.
        if (hosts.length() > 0) {
            into.put(ConnOption.HOST.keyword(), decode(hosts.toString()));
        }
        if (ports.length() > 0) {
            into.put(ConnOption.PORT.keyword(), decode(ports.toString()));
        }
    }

    /** Consumes and returns the text up to (excluding) the first of {@code stops}, or the end. */
    private String scanUntil(String stops) {
        int start = pos;
        while (pos < uri.length() && stops.indexOf(uri.charAt(pos)) < 0) {
            pos++;
        }
        return uri.substring(start, pos);
    }

    private void parseQuery(String query, Map<String, String> into) {
        int i = 0;
        while (i < query.length()) {
            int start = i;
            while (i < query.length() && query.charAt(i) != '=' && query.charAt(i) != '&') {
                i++;
            }
            String rawKeyword = query.substring(start, i);
            if (i >= query.length() || query.charAt(i) == '&') {
                throw new InvalidConnInfoException("missing key/value separator \"=\" in URI query parameter: \""
                        + rawKeyword + "\"");
            }
            int valueStart = ++i;
            while (i < query.length() && query.charAt(i) != '&') {
                if (query.charAt(i) == '=') {
                    throw new InvalidConnInfoException("extra key/value separator \"=\" in URI query parameter: \""
                            + rawKeyword + "\"");
                }
                i++;
            }
            String keyword = decode(rawKeyword);
            String value = decode(query.substring(valueStart, i));
            if (keyword.equals("ssl") && value.equals("true")) {
                // JDBC's spelling, accepted by libpq for compatibility.
                keyword = ConnOption.SSLMODE.keyword();
                value = "require";
            }
            ConnInfo.store(into, keyword, value, "invalid URI query parameter: \"%s\"");
            i++; // the '&', if any
        }
    }

    /**
     * Percent-decoding; the decoded bytes are read as UTF-8, with U+FFFD for malformed bytes (an
     * error message may quote them, as psycopg2 shows them) and the error raised at the end.
     */
    private String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); ) {
            char c = raw.charAt(i);
            if (c != '%') {
                int cp = raw.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
                continue;
            }
            int high = i + 1 < raw.length() ? hexValue(raw.charAt(i + 1)) : -1;
            int low = i + 2 < raw.length() ? hexValue(raw.charAt(i + 2)) : -1;
            if (high < 0 || low < 0) {
                throw new InvalidConnInfoException("invalid percent-encoded token: \"" + raw + "\"");
            }
            int b = high * 16 + low;
            if (b == 0) {
                throw new InvalidConnInfoException("forbidden value %00 in percent-encoded value: \"" + raw + "\"");
            }
            bytes.write(b);
            i += 3;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            String replaced = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
            notUtf8.put(replaced, raw);
            return replaced;
        }
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
