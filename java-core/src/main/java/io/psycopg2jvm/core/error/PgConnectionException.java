package io.psycopg2jvm.core.error;

/**
 * The connection could not be made or was lost (psycopg2's OperationalError). When the server
 * sent an error before closing (a FATAL ErrorResponse), it is kept as {@link #serverError()}.
 */
public class PgConnectionException extends PgException {
    private final PgServerException serverError;

    public PgConnectionException(String message) {
        this(message, null, null);
    }

    public PgConnectionException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public PgConnectionException(String message, PgServerException serverError, Throwable cause) {
        super(message, cause);
        this.serverError = serverError;
    }

    /** The ErrorResponse the server sent before the connection ended, or null. */
    public PgServerException serverError() {
        return serverError;
    }
}
