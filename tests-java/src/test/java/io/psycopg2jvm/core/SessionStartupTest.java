package io.psycopg2jvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.psycopg2jvm.core.error.PgConnectionException;
import io.psycopg2jvm.core.error.PgServerException;
import io.psycopg2jvm.core.session.PgSession;
import io.psycopg2jvm.core.session.QueryResult;
import org.junit.jupiter.api.Test;

/** Startup: ParameterStatus, BackendKeyData and the ReadyForQuery transaction status. */
class SessionStartupTest {

    private static String scalar(PgSession s, String sql) {
        QueryResult r = s.execute(sql);
        return (String) r.rows(0, 1, new int[] {QueryResult.MODE_TEXT})[0][0];
    }

    @Test
    void startupParameterStatusMessagesAreKept() {
        try (PgSession s = ServerDsn.open()) {
            assertEquals("UTF8", s.parameterStatus("client_encoding"));
            assertEquals("UTF8", s.clientEncoding());
            assertEquals("on", s.parameterStatus("integer_datetimes"));
            assertEquals("on", s.parameterStatus("standard_conforming_strings"));
            assertNotNull(s.parameterStatus("server_encoding"));
            assertNotNull(s.parameterStatus("DateStyle"));
            assertEquals(scalar(s, "SHOW server_version"), s.parameterStatus("server_version"));
        }
    }

    @Test
    void serverVersionIsLibpqsNumber() {
        try (PgSession s = ServerDsn.open()) {
            int fromServer = Integer.parseInt(scalar(s, "SHOW server_version_num"));
            // server_version_num is major*10000+minor since PostgreSQL 10, as PQserverVersion gives it
            assertEquals(fromServer, s.serverVersion());
        }
    }

    @Test
    void backendKeyDataGivesTheBackendPid() {
        try (PgSession s = ServerDsn.open()) {
            assertTrue(s.backendPid() > 0);
            assertEquals(String.valueOf(s.backendPid()), scalar(s, "SELECT pg_backend_pid()"));
        }
    }

    @Test
    void parameterStatusFollowsSet() {
        try (PgSession s = ServerDsn.open()) {
            s.execute("SET application_name = 'startup-test'");
            assertEquals("startup-test", s.parameterStatus("application_name"));
            s.execute("SET TIME ZONE 'Asia/Tokyo'");
            assertEquals("Asia/Tokyo", s.parameterStatus("TimeZone"));
        }
    }

    @Test
    void readyForQueryReportsIdleInTransactionAndFailed() {
        try (PgSession s = ServerDsn.open()) {
            assertEquals('I', s.transactionStatus());
            s.execute("BEGIN");
            assertEquals('T', s.transactionStatus());
            s.execute("SELECT 1");
            assertEquals('T', s.transactionStatus());
            PgServerException e = assertThrows(PgServerException.class, () -> s.execute("SELECT 1/0"));
            assertEquals("22012", e.sqlstate());
            assertEquals('E', s.transactionStatus());
            PgServerException aborted = assertThrows(PgServerException.class, () -> s.execute("SELECT 1"));
            assertEquals("25P02", aborted.sqlstate());
            assertEquals('E', s.transactionStatus());
            s.execute("ROLLBACK");
            assertEquals('I', s.transactionStatus());
        }
    }

    @Test
    void startupParametersFromTheConnectionString() {
        String dsn = ServerDsn.with(ServerDsn.superuser(), "application_name", "core-tests",
                "options", "-c search_path=pg_catalog -c work_mem=5MB");
        try (PgSession s = PgSession.open(dsn)) {
            assertEquals("core-tests", s.parameterStatus("application_name"));
            assertEquals("pg_catalog", scalar(s, "SHOW search_path"));
            assertEquals("5MB", scalar(s, "SHOW work_mem"));
        }
    }

    @Test
    void nextHostIsTriedWhenTheFirstRefuses() {
        String dsn = ServerDsn.superuser();
        String host = ServerDsn.db().host();
        String twoHosts = ServerDsn.with(dsn, "host", host + "," + host, "port", "1," + ServerDsn.db().port());
        try (PgSession s = PgSession.open(twoHosts)) {
            assertEquals("1", scalar(s, "SELECT 1"));
        }
    }

    @Test
    void everyHostsFailureIsReportedWhenAllFail() {
        String host = ServerDsn.db().host();
        String dsn = ServerDsn.with(ServerDsn.superuser(), "host", host + "," + host, "port", "1,2",
                "connect_timeout", "5");
        PgConnectionException e = assertThrows(PgConnectionException.class, () -> PgSession.open(dsn));
        assertTrue(e.getMessage().contains("port 1 failed: ") && e.getMessage().contains("port 2 failed: "),
                e.getMessage());
    }

    @Test
    void cancelOnAClosedSessionIsAnError() {
        PgSession s = ServerDsn.open();
        s.close();
        assertThrows(PgConnectionException.class, s::cancel);
    }

    @Test
    void closeEndsTheSessionAndIsIdempotent() {
        PgSession s = ServerDsn.open();
        assertFalse(s.isClosed());
        s.close();
        assertTrue(s.isClosed());
        assertFalse(s.isBroken());
        assertEquals('U', s.transactionStatus());
        s.close();
        assertThrows(PgConnectionException.class, () -> s.execute("SELECT 1"));
    }

    @Test
    void closedBackendIsGoneFromTheServer() throws Exception {
        int pid;
        try (PgSession s = ServerDsn.open()) {
            pid = s.backendPid();
        }
        try (PgSession observer = ServerDsn.open()) {
            // Terminate is asynchronous for the server: give the backend a moment to exit
            long deadline = System.nanoTime() + 10_000_000_000L;
            String count;
            do {
                count = scalar(observer, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid);
                if (count.equals("0")) {
                    break;
                }
                Thread.sleep(20);
            } while (System.nanoTime() < deadline);
            assertEquals("0", count);
        }
    }
}
