package io.psycopg2jvm.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of libpq's connection-string syntax for the fixture: reading a {@code PGTEST_DSN}
 * (keyword/value or {@code postgresql://} URI) into keywords, and writing keywords back out.
 * The driver's own parser lives in java-core; this one only needs to swap users and passwords.
 */
final class ConninfoString {

    private ConninfoString() {
    }

    /** Keywords and values, in the order given. */
    static Map<String, String> parse(String dsn) {
        String trimmed = dsn.strip();
        if (trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://")) {
            return parseUri(trimmed);
        }
        return parseKeywords(trimmed);
    }

    private static Map<String, String> parseKeywords(String dsn) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        int n = dsn.length();
        while (true) {
            while (i < n && Character.isWhitespace(dsn.charAt(i))) {
                i++;
            }
            if (i == n) {
                return params;
            }
            int keyStart = i;
            while (i < n && dsn.charAt(i) != '=' && !Character.isWhitespace(dsn.charAt(i))) {
                i++;
            }
            String key = dsn.substring(keyStart, i);
            while (i < n && Character.isWhitespace(dsn.charAt(i))) {
                i++;
            }
            if (i == n || dsn.charAt(i) != '=') {
                throw new IllegalArgumentException("missing \"=\" after \"" + key + "\" in connection string");
            }
            i++;
            while (i < n && Character.isWhitespace(dsn.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && dsn.charAt(i) == '\'') {
                i++;
                while (true) {
                    if (i == n) {
                        throw new IllegalArgumentException("unterminated quoted string in connection string");
                    }
                    char c = dsn.charAt(i++);
                    if (c == '\'') {
                        break;
                    }
                    if (c == '\\' && i < n) {
                        c = dsn.charAt(i++);
                    }
                    value.append(c);
                }
            } else {
                while (i < n && !Character.isWhitespace(dsn.charAt(i))) {
                    char c = dsn.charAt(i++);
                    if (c == '\\' && i < n) {
                        c = dsn.charAt(i++);
                    }
                    value.append(c);
                }
            }
            params.put(key, value.toString());
        }
    }

    /** postgresql://[user[:password]@][host][:port][,...][/dbname][?keyword=value&...] */
    private static Map<String, String> parseUri(String uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String rest = uri.substring(uri.indexOf("://") + 3);
        String query = null;
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        if (slash >= 0 && slash + 1 < rest.length()) {
            params.put("dbname", decode(rest.substring(slash + 1)));
        }
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                putIfNotEmpty(params, "user", decode(userInfo.substring(0, colon)));
                params.put("password", decode(userInfo.substring(colon + 1)));
            } else {
                putIfNotEmpty(params, "user", decode(userInfo));
            }
        }
        List<String> hosts = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        for (String hostPort : authority.split(",", -1)) {
            String host = hostPort;
            String port = "";
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated IPv6 address in URI: " + hostPort);
                }
                host = hostPort.substring(1, close);
                if (close + 1 < hostPort.length() && hostPort.charAt(close + 1) == ':') {
                    port = hostPort.substring(close + 2);
                }
            } else {
                int colon = hostPort.lastIndexOf(':');
                if (colon >= 0) {
                    host = hostPort.substring(0, colon);
                    port = hostPort.substring(colon + 1);
                }
            }
            hosts.add(decode(host));
            ports.add(port);
        }
        if (hosts.stream().anyMatch(h -> !h.isEmpty())) {
            params.put("host", String.join(",", hosts));
        }
        if (ports.stream().anyMatch(p -> !p.isEmpty())) {
            params.put("port", String.join(",", ports));
        }
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("missing \"=\" in URI parameter \"" + pair + "\"");
                }
                params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return params;
    }

    private static void putIfNotEmpty(Map<String, String> params, String key, String value) {
        if (!value.isEmpty()) {
            params.put(key, value);
        }
    }

    /** Percent-decoding only: in a libpq URI "+" is a plus sign, not a space. */
    private static String decode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '%' && i + 2 < text.length()) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int end = i + Character.charCount(text.codePointAt(i));
                bytes.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Keywords back into a keyword/value string, quoting values where libpq needs it. */
    static String format(Map<String, String> params) {
        StringBuilder dsn = new StringBuilder();
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (dsn.length() > 0) {
                dsn.append(' ');
            }
            dsn.append(param.getKey()).append('=').append(quote(param.getValue()));
        }
        return dsn.toString();
    }

    static String quote(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '\\')) {
            return value;
        }
        return '\'' + value.replace("\\", "\\\\").replace("'", "\\'") + '\'';
    }
}
