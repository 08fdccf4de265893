package io.psycopg2jvm.core.error;

import java.util.Collections;
import java.util.Map;

/** An ErrorResponse from the server, with every field it carried (keyed by field code). */
public class PgServerException extends PgException {
    private final Map<Character, String> fields;
    private final String query;
    private int statement = -1;

    /** @param query the statement that failed, used to show the error position; may be null */
    public PgServerException(Map<Character, String> fields, String query) {
        super(fields.getOrDefault('M', "unknown server error"));
        this.fields = Collections.unmodifiableMap(fields);
        this.query = query;
    }

    /** Which of a pipeline's statements failed (see {@link #statement()}). */
    public PgServerException atStatement(int index) {
        statement = index;
        return this;
    }

    /** The index of the failing statement among those sent together, or -1 for a lone one. */
    public int statement() {
        return statement;
    }

    /** The statement that failed, as it was sent; null if unknown. */
    public String query() {
        return query;
    }

    public String sqlstate() {
        return fields.get('C');
    }

    public String severity() {
        return fields.getOrDefault('S', fields.get('V'));
    }

    /** A field by its protocol code ('M' message, 'D' detail, 'H' hint, 'P' position...), or null. */
    public String field(char code) {
        return fields.get(code);
    }

    public Map<Character, String> fields() {
        return fields;
    }

    /** The fields flattened as {code, value, code, value...}: one interop call for Python. */
    public String[] fieldPairs() {
        String[] out = new String[fields.size() * 2];
        int i = 0;
        for (Map.Entry<Character, String> f : fields.entrySet()) {
            out[i++] = String.valueOf(f.getKey());
            out[i++] = f.getValue();
        }
        return out;
    }

    /** The error as libpq formats it (psycopg2's pgerror): "ERROR:  msg\nDETAIL:  ...\n". */
    public String formatted() {
        return ServerMessageFormat.format(fields, query);
    }
}
