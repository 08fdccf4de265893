package io.psycopg2jvm.core.session;

/**
 * What {@link PgSession#startCopy} found: the session is now in COPY FROM STDIN ({@code 'i'})
 * or COPY TO STDOUT ({@code 'o'}) mode, with the server's format, or ({@code direction} 0) the
 * statement was no COPY and {@code result} holds its outcome as {@link PgSession#execute} gives it.
 */
public record CopyStart(char direction, boolean binary, int columns, QueryResult result) {
    public boolean isCopyIn() {
        return direction == 'i';
    }

    public boolean isCopyOut() {
        return direction == 'o';
    }
}
