package io.psycopg2jvm.core.conninfo;

import io.psycopg2jvm.core.error.PgException;

/**
 * A connection string libpq would reject while parsing it. {@link #getMessage()} is libpq's text
 * (without its trailing newline), e.g. {@code invalid connection option "foo"}; psycopg2 raises
 * these as {@code ProgrammingError} with {@link #psycopgMessage()}.
 */
public class InvalidConnInfoException extends PgException {
    public InvalidConnInfoException(String libpqMessage) {
        super(libpqMessage);
    }

    /** The text of psycopg2's {@code ProgrammingError}: {@code "invalid dsn: <libpq message>\n"}. */
    public String psycopgMessage() {
        return "invalid dsn: " + getMessage() + "\n";
    }
}
