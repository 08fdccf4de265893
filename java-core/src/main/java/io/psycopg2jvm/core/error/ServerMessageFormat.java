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

    /** "LINE n: text" and a caret line; long lines are cut with "..." around the position. */
    private static void appendPosition(StringBuilder out, String query, int position) {
        if (position < 1) {
            return;
        }
        int[] codePoints = query.codePoints().toArray();
        int target = Math.min(position - 1, codePoints.length);
        int lineNo = 1;
        int lineStart = 0;
        for (int i = 0; i < target; i++) {
            int c = codePoints[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= codePoints.length || codePoints[i + 1] != '\n'))) {
                lineNo++;
                lineStart = i + 1;
            }
        }
        int lineEnd = lineStart;
        while (lineEnd < codePoints.length && codePoints[lineEnd] != '\n' && codePoints[lineEnd] != '\r') {
            lineEnd++;
        }
        StringBuilder line = new StringBuilder();
        for (int i = lineStart; i < lineEnd; i++) {
            line.appendCodePoint(codePoints[i] == '\t' ? ' ' : codePoints[i]);
        }
        int caret = target - lineStart;
        int length = lineEnd - lineStart;
        boolean cutLeft = false;
        boolean cutRight = false;
        String shown = line.toString();
        if (length > DISPLAY_WIDTH) {
            int start = 0;
            int end = length;
            if (caret > DISPLAY_WIDTH - MIN_RIGHT_CUT) {
                start = caret - (DISPLAY_WIDTH - MIN_RIGHT_CUT);
                cutLeft = true;
            }
            if (end - start > DISPLAY_WIDTH) {
                end = start + DISPLAY_WIDTH;
                cutRight = true;
            }
            shown = new String(codePoints, lineStart + start, end - start).replace('\t', ' ');
            caret -= start;
        }
        String prefix = "LINE " + lineNo + ": ";
        out.append(prefix).append(cutLeft ? "..." : "").append(shown).append(cutRight ? "..." : "").append('\n');
        int pad = prefix.length() + (cutLeft ? 3 : 0) + caret;
        out.append(" ".repeat(pad)).append("^\n");
    }

    private static void appendIf(StringBuilder out, String label, String value) {
        if (value != null) {
            out.append(label).append(value).append('\n');
        }
    }
}
