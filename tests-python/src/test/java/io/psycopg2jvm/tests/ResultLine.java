package io.psycopg2jvm.tests;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code _runner.py}'s results file: a flat JSON object whose values are strings,
 * numbers, booleans or null. Numbers and booleans are kept as their JSON text.
 */
final class ResultLine {

    private final Map<String, String> values;

    private ResultLine(Map<String, String> values) {
        this.values = values;
    }

    /** The value of {@code key} (a number as its text), or "" when absent or null. */
    String string(String key) {
        String value = values.get(key);
        return value == null ? "" : value;
    }

    /** The runner's last line, written when every test has run. */
    boolean isDone() {
        return "true".equals(values.get("done"));
    }

    static ResultLine parse(String json) {
        return new Parser(json).object();
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        ResultLine object() {
            Map<String, String> values = new LinkedHashMap<>();
            skipSpace();
            expect('{');
            skipSpace();
            if (peek() == '}') {
                pos++;
                return new ResultLine(values);
            }
            while (true) {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                values.put(key, value());
                skipSpace();
                char c = next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw error("',' or '}'");
                }
            }
            skipSpace();
            if (pos != text.length()) {
                throw error("end of line");
            }
            return new ResultLine(values);
        }

        private String value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            int start = pos;
            while (pos < text.length() && ",} \t".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            String literal = text.substring(start, pos);
            if (literal.isEmpty()) {
                throw error("a value");
            }
            return literal.equals("null") ? null : literal;
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escape = next();
                switch (escape) {
                    case 'n': out.append('\n'); break;
                    case 't': out.append('\t'); break;
                    case 'r': out.append('\r'); break;
                    case 'b': out.append('\b'); break;
                    case 'f': out.append('\f'); break;
                    case 'u':
                        if (pos + 4 > text.length()) {
                            throw error("four hex digits");
                        }
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                        break;
                    default: out.append(escape);
                }
            }
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            if (pos >= text.length()) {
                throw error("more input");
            }
            return text.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw error("'" + c + "'");
            }
        }

        private IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("expected " + expected + " at " + pos + " in " + text);
        }
    }
}
