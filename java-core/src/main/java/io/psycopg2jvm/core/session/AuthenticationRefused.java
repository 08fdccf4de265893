package io.psycopg2jvm.core.session;

import io.psycopg2jvm.core.error.PgConnectionException;
import io.psycopg2jvm.core.error.PgServerException;

/**
 * The server refused the session before AuthenticationOk (bad password, unknown role, no
 * pg_hba.conf entry). libpq retries these with the other TLS choice under sslmode prefer/allow;
 * errors after authentication (a missing database) are final.
 */
final class AuthenticationRefused extends PgConnectionException {
    AuthenticationRefused(String message, PgServerException serverError) {
        super(message, serverError, null);
    }
}
