package io.psycopg2jvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.psycopg2jvm.core.error.PgConnectionException;
import io.psycopg2jvm.core.session.PgSession;
import io.psycopg2jvm.core.session.QueryResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each authentication method the server can ask for, with the right and a wrong password, and
 * the failures libpq reports with the server's own message.
 */
class AuthenticationTest {
    /** A failed login must fail, not wait: generous for a loaded machine, far below a hang. */
    private static final Duration NO_HANG = Duration.ofSeconds(30);

    private static String currentUser(PgSession s) {
        return (String) s.execute("SELECT current_user").rows(0, 1, new int[] {QueryResult.MODE_TEXT})[0][0];
    }

    private static PgConnectionException refused(String dsn) {
        return assertTimeoutPreemptively(NO_HANG,
                () -> assertThrows(PgConnectionException.class, () -> PgSession.open(dsn).close()));
    }

    /** The server's FATAL comes through: kept as serverError(), and in the message as libpq shows it. */
    private static void assertServerMessage(PgConnectionException e, String sqlstate, String serverMessage) {
        assertNotNull(e.serverError(), () -> "no server error kept in: " + e.getMessage());
        assertEquals(sqlstate, e.serverError().sqlstate(), e.getMessage());
        assertEquals("FATAL", e.serverError().severity());
        assertEquals(serverMessage, e.serverError().field('M'));
        assertTrue(e.getMessage().startsWith("connection to server at "), e.getMessage());
        assertTrue(e.getMessage().contains("failed: FATAL:  " + serverMessage + "\n"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pg_trust", "pg_password", "pg_md5", "pg_scram"})
    void rightPasswordLogsIn(String role) {
        try (PgSession s = assertTimeoutPreemptively(NO_HANG, () -> PgSession.open(ServerDsn.role(role)))) {
            assertEquals(role, currentUser(s));
            assertEquals('I', s.transactionStatus());
        }
    }

    @Test
    void trustNeedsNoPassword() {
        String dsn = ServerDsn.with(ServerDsn.role("pg_trust"), "password", null, "passfile", "/nonexistent");
        try (PgSession s = PgSession.open(dsn)) {
            assertEquals("pg_trust", currentUser(s));
        }
    }

    @ParameterizedTest(name = "{0} sslmode={1}")
    @CsvSource({
        "pg_password, disable", "pg_md5, disable", "pg_scram, disable",
        "pg_password, require", "pg_md5, require", "pg_scram, require",
    })
    void wrongPasswordIsRefusedWithTheServersMessage(String role, String sslmode) {
        assumeTrue(sslmode.equals("disable") || ServerDsn.db().sslEnabled(), "the test server has no TLS");
        PgConnectionException e = refused(ServerDsn.with(ServerDsn.role(role), "password", "not-the-password",
                "sslmode", sslmode));
        assertServerMessage(e, "28P01", "password authentication failed for user \"" + role + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pg_password", "pg_md5", "pg_scram"})
    void missingPasswordIsReportedAsLibpqDoes(String role) {
        String dsn = ServerDsn.with(ServerDsn.role(role), "password", null, "passfile", "/nonexistent");
        PgConnectionException e = refused(dsn);
        assertTrue(e.getMessage().endsWith("fe_sendauth: no password supplied\n"), e.getMessage());
    }

    @Test
    void unknownUserGetsTheServersMessage() {
        PgConnectionException e = refused(ServerDsn.with(ServerDsn.superuser(), "user", "no_such_user_xyz",
                "password", "whatever"));
        assertNotNull(e.serverError(), e.getMessage());
        // depending on pg_hba.conf: no matching entry, unknown role or failed password: all class 28
        assertTrue(e.serverError().sqlstate().startsWith("28"), e.serverError().sqlstate());
        assertTrue(e.serverError().field('M').contains("no_such_user_xyz"), e.serverError().field('M'));
        assertTrue(e.getMessage().contains("FATAL:  " + e.serverError().field('M')), e.getMessage());
    }

    @Test
    void missingDatabaseGetsTheServersMessage() {
        PgConnectionException e = refused(ServerDsn.with(ServerDsn.superuser(), "dbname", "no_such_database_xyz"));
        assertServerMessage(e, "3D000", "database \"no_such_database_xyz\" does not exist");
    }

    @Test
    void refusedPortIsReportedWithoutServerError() {
        // port 1 on the server's host: nobody listens there
        PgConnectionException e = refused(ServerDsn.with(ServerDsn.superuser(), "port", "1",
                "connect_timeout", "5"));
        assertEquals(null, e.serverError());
        assertTrue(e.getMessage().contains("port 1 failed: "), e.getMessage());
    }
}
