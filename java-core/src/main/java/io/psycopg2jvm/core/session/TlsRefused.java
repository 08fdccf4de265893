package io.psycopg2jvm.core.session;

import io.psycopg2jvm.core.error.PgConnectionException;

/**
 * The TLS handshake or the check of the server's certificate failed after the server agreed to
 * TLS. Under sslmode=prefer libpq then tries again without TLS.
 */
final class TlsRefused extends PgConnectionException {
    TlsRefused(String message, Throwable cause) {
        super(message, null, cause);
    }
}
