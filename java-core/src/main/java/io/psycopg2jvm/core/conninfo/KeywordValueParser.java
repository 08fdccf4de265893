package io.psycopg2jvm.core.conninfo;

import java.util.Map;

/**
 * Parses libpq's {@code keyword = value} connection strings: settings separated by whitespace,
 * optional whitespace around {@code =}, values either bare (ending at whitespace) or in single
 * quotes; in both forms a backslash takes the next character literally.
 */
final class KeywordValueParser {
    private final String text;
    private int pos;

    private KeywordValueParser(String text) {
        this.text = text;
    }

    static void parseInto(String text, Map<String, String> into) {
        new KeywordValueParser(text).parse(into);
    }

    private void parse(Map<String, String> into) {
        while (true) {
            skipWhitespace();
            if (pos >= text.length()) {
                return;
            }
            int start = pos;
            while (pos < text.length() && !isSpace(text.charAt(pos)) && text.charAt(pos) != '=') {
                pos++;
            }
            String keyword = text.substring(start, pos);
            skipWhitespace();
            if (pos >= text.length() || text.charAt(pos) != '=') {
                throw new InvalidConnInfoException(
                        "missing \"=\" after \"" + keyword + "\" in connection info string");
            }
            pos++;
            skipWhitespace();
            String value = pos < text.length() && text.charAt(pos) == '\'' ? quotedValue() : bareValue();
            ConnInfo.store(into, keyword, value, "invalid connection option \"%s\"");
        }
    }

    private String bareValue() {
        StringBuilder value = new StringBuilder();
        while (pos < text.length() && !isSpace(text.charAt(pos))) {
            char c = text.charAt(pos++);
            if (c == '\\') {
                // A backslash at the very end escapes nothing and disappears.
                if (pos < text.length()) {
                    value.append(text.charAt(pos++));
                }
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    private String quotedValue() {
        pos++; // the opening quote
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\'') {
                return value.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                c = text.charAt(pos++);
            }
            value.append(c);
        }
        throw new InvalidConnInfoException("unterminated quoted string in connection info string");
    }

    private void skipWhitespace() {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
    }

    /** C's isspace() in the C locale: what libpq treats as a separator. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }
}
