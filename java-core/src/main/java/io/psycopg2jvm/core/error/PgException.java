package io.psycopg2jvm.core.error;

/** Base of every error java-core raises; the Python layer maps subclasses to psycopg2's classes. */
public class PgException extends RuntimeException {
    public PgException(String message) {
        super(message);
    }

    public PgException(String message, Throwable cause) {
        super(message, cause);
    }
}
