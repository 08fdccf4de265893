package io.psycopg2jvm.core.error;

import java.util.Map;

/**
 * libpq's default rendering of ErrorResponse/NoticeResponse fields, which psycopg2 exposes as
 * {@code pgerror} and in {@code connection.notices}: severity and message, the offending line
 * of the query with a caret under the error position, then detail, hint, query and context.
 */
public final class ServerMessageFormat {
    private static final int DISPLAY_WIDTH = 60;
    private static final int MIN_RIGHT_CUT = 10;

    private ServerMessageFormat() {
    }

    public static String format(Map<Character, String> fields, String query) {
        return format(fields, query, true);
    }

    /**
     * A NoticeResponse as libpq shows it by default (PQSHOW_CONTEXT_ERRORS): like an error but
     * without the CONTEXT line, which libpq keeps for errors only.
     */
    public static String formatNotice(Map<Character, String> fields) {
        return format(fields, null, false);
    }

    private static String format(Map<Character, String> fields, String query, boolean withContext) {
        StringBuilder out = new StringBuilder();
        String severity = fields.getOrDefault('S', fields.getOrDefault('V', "ERROR"));
        out.append(severity).append(":  ").append(fields.getOrDefault('M', ""));
        // As libpq: the statement position points into our query, else the internal position
        // into the internal query (a PL/pgSQL statement); without the text, it is only named.
        String position = fields.get('P');
        String positionIn = query;
        if (position == null) {
            position = fields.get('p');
            positionIn = fields.get('q');
        }
        if (position != null && positionIn == null) {
            out.append(" at character ").append(position);
        }
        out.append('\n');
        if (position != null && positionIn != null) {
            appendPosition(out, positionIn, parsePosition(position));
        }
        appendIf(out, "DETAIL:  ", fields.get('D'));
        appendIf(out, "HINT:  ", fields.get('H'));
        appendIf(out, "QUERY:  ", fields.get('q'));
        if (withContext) {
            appendIf(out, "CONTEXT:  ", fields.get('W'));
        }
        return out.toString();
    }

    private static int parsePosition(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * "LINE n: text" and a caret line under the error position, as libpq places them: counted in
     * screen columns (wide characters take two), long lines cut to about 60 columns with "..."
     * while keeping the caret at least 10 columns from the right end. Nothing when the position
     * lies past the end of the query.
     */
    private static void appendPosition(StringBuilder out, String query, int position) {
        if (position < 1) {
            return;
        }
        int[] chars = query.codePoints().toArray();
        int loc = position - 1;
        int[] column = new int[chars.length + 1]; // screen column where each character starts
        int lineNo = 1;
        int begin = 0;
        int end = chars.length;
        for (int i = 0; i < chars.length; i++) {
            int c = chars[i];
            if (c == '\r' || c == '\n') {
                if (i >= loc) {
                    end = i;
                    break;
                }
                if (c == '\r' || i == 0 || chars[i - 1] != '\r') {
                    lineNo++; // \r\n ends one line, not two
                }
                begin = i + 1;
            }
            column[i + 1] = column[i] + DisplayWidth.of(c);
        }
        if (loc > end) {
            return;
        }
        boolean cutLeft = false;
        boolean cutRight = false;
        if (column[end] - column[begin] > DISPLAY_WIDTH) {
            if (column[begin] + DISPLAY_WIDTH >= column[loc] + MIN_RIGHT_CUT) {
                while (column[end] - column[begin] > DISPLAY_WIDTH) {
                    end--;
                }
                cutRight = true;
            } else {
                while (column[loc] + MIN_RIGHT_CUT < column[end]) {
                    end--;
                    cutRight = true;
                }
                while (column[end] - column[begin] > DISPLAY_WIDTH) {
                    begin++;
                    cutLeft = true;
                }
            }
        }
        String prefix = "LINE " + lineNo + ": " + (cutLeft ? "..." : "");
        out.append(prefix).append(new String(chars, begin, end - begin).replace('\t', ' '))
                .append(cutRight ? "..." : "").append('\n');
        out.append(" ".repeat(prefix.length() + column[loc] - column[begin])).append("^\n");
    }

    private static void appendIf(StringBuilder out, String label, String value) {
        if (value != null) {
            out.append(label).append(value).append('\n');
        }
    }
}
