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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * sslmode as libpq implements it, told apart by two roles: pg_sslonly (hostssl: the server
 * rejects it without TLS) and pg_nossl (hostnossl: rejected with TLS). allow tries plain first,
 * prefer tries TLS first, each retrying the other way when the server refuses.
 */
class SslModeTest {
    private static final Duration NO_HANG = Duration.ofSeconds(30);

    @BeforeEach
    void needsTls() {
        assumeTrue(ServerDsn.db().sslEnabled(), "the test server has no TLS");
    }

    private static boolean serverSeesTls(PgSession s) {
        QueryResult r = s.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
        return (Boolean) r.rows(0, 1, r.defaultModes())[0][0];
    }

    @ParameterizedTest(name = "{0} sslmode={1} -> tls={2}")
    @CsvSource({
        "pg_sslonly, allow,   true",
        "pg_sslonly, prefer,  true",
        "pg_sslonly, require, true",
        "pg_nossl,   disable, false",
        "pg_nossl,   allow,   false",
        "pg_nossl,   prefer,  false",
    })
    void connectsWithOrWithoutTls(String role, String sslmode, boolean tls) {
        String dsn = ServerDsn.with(ServerDsn.role(role), "sslmode", sslmode);
        try (PgSession s = assertTimeoutPreemptively(NO_HANG, () -> PgSession.open(dsn))) {
            assertEquals(tls, s.isTls());
            assertEquals(tls, serverSeesTls(s));
            assertEquals('I', s.transactionStatus());
        }
    }

    @Test
    void disableRefusesTheTlsOnlyRole() {
        String dsn = ServerDsn.with(ServerDsn.role("pg_sslonly"), "sslmode", "disable");
        PgConnectionException e = assertThrows(PgConnectionException.class, () -> PgSession.open(dsn));
        assertNotNull(e.serverError(), e.getMessage());
        assertEquals("28000", e.serverError().sqlstate());
        String message = e.serverError().field('M');
        assertTrue(message.startsWith("no pg_hba.conf entry for host"), message);
        assertTrue(message.contains("user \"pg_sslonly\"") && message.contains("no encryption"), message);
        assertTrue(e.getMessage().contains("FATAL:  " + message), e.getMessage());
    }

    @Test
    void requireRefusesThePlainOnlyRole() {
        String dsn = ServerDsn.with(ServerDsn.role("pg_nossl"), "sslmode", "require");
        PgConnectionException e = assertThrows(PgConnectionException.class, () -> PgSession.open(dsn));
        assertNotNull(e.serverError(), e.getMessage());
        String message = e.serverError().field('M');
        assertTrue(message.contains("user \"pg_nossl\"") && message.contains("SSL encryption"), message);
    }

    @Test
    void preferUsesTlsWhenTheServerOffersIt() {
        try (PgSession s = PgSession.open(ServerDsn.with(ServerDsn.superuser(), "sslmode", "prefer"))) {
            assertTrue(s.isTls());
            assertTrue(serverSeesTls(s));
        }
    }

    @Test
    void disableNeverTriesTls() {
        try (PgSession s = PgSession.open(ServerDsn.with(ServerDsn.superuser(), "sslmode", "disable"))) {
            assertEquals(false, s.isTls());
            assertEquals(false, serverSeesTls(s));
        }
    }

    @Test
    void queriesWorkOverTls() {
        try (PgSession s = PgSession.open(ServerDsn.with(ServerDsn.superuser(), "sslmode", "require"))) {
            QueryResult r = s.execute("SELECT i, repeat('x', i) FROM generate_series(1, 2000) i");
            assertEquals(2000, r.rowcount());
            Object[][] rows = r.rows(1999, 2000, r.defaultModes());
            assertEquals(2000, rows[0][0]);
            assertEquals(2000, ((String) rows[0][1]).length());
        }
    }
}
