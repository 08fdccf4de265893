package io.psycopg2jvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.psycopg2jvm.core.error.PgConnectionException;
import io.psycopg2jvm.core.error.PgServerException;
import io.psycopg2jvm.core.session.PgSession;
import io.psycopg2jvm.core.session.QueryResult;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A query cancelled from another thread, and a backend killed from another session. */
class CancelAndTerminationTest {
    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** Waits until the backend runs a statement (pg_stat_activity says active) so a cancel hits it. */
    private static void awaitActive(PgSession observer, int pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            QueryResult r = observer.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid
                    + " AND state = 'active' AND query LIKE '%pg_sleep%'");
            if (((Long) r.rows(0, 1, r.defaultModes())[0][0]) == 1L) {
                return;
            }
            Thread.sleep(20);
        }
        fail("backend " + pid + " never started its query");
    }

    @Test
    void cancelFromAnotherThreadInterruptsPgSleep() throws Exception {
        try (PgSession victim = ServerDsn.open(); PgSession observer = ServerDsn.open()) {
            long start = System.nanoTime();
            Future<QueryResult> sleeping = pool.submit(() -> victim.execute("SELECT pg_sleep(10)"));
            awaitActive(observer, victim.backendPid());
            victim.cancel();
            ExecutionException e = assertThrows(ExecutionException.class, () -> sleeping.get(8, TimeUnit.SECONDS));
            PgServerException cancelled = assertInstanceOf(PgServerException.class, e.getCause());
            assertEquals("57014", cancelled.sqlstate());
            assertEquals("canceling statement due to user request", cancelled.field('M'));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(9), "the sleep was not interrupted");
            assertEquals('I', victim.transactionStatus());
            QueryResult r = victim.execute("SELECT 1");
            assertEquals(1, r.rows(0, 1, r.defaultModes())[0][0]);
        }
    }

    @Test
    void cancelInsideATransactionLeavesItFailed() throws Exception {
        try (PgSession victim = ServerDsn.open(); PgSession observer = ServerDsn.open()) {
            victim.execute("BEGIN");
            Future<QueryResult> sleeping = pool.submit(() -> victim.execute("SELECT pg_sleep(10)"));
            awaitActive(observer, victim.backendPid());
            victim.cancel();
            ExecutionException e = assertThrows(ExecutionException.class, () -> sleeping.get(8, TimeUnit.SECONDS));
            assertEquals("57014", ((PgServerException) e.getCause()).sqlstate());
            assertEquals('E', victim.transactionStatus());
            victim.execute("ROLLBACK");
            assertEquals('I', victim.transactionStatus());
        }
    }

    @Test
    void cancelWhileIdleIsHarmless() {
        try (PgSession s = ServerDsn.open()) {
            s.cancel();
            QueryResult r = s.execute("SELECT 1");
            assertEquals(1, r.rows(0, 1, r.defaultModes())[0][0]);
        }
    }

    @Test
    void terminatedBackendBreaksTheSession() {
        PgSession victim = ServerDsn.open();
        try (PgSession killer = ServerDsn.open()) {
            // with a timeout, pg_terminate_backend waits until the backend is gone (PostgreSQL 14+)
            String call = killer.serverVersion() >= 140000
                    ? "SELECT pg_terminate_backend(" + victim.backendPid() + ", 10000)"
                    : "SELECT pg_terminate_backend(" + victim.backendPid() + ")";
            QueryResult r = killer.execute(call);
            assertEquals(Boolean.TRUE, r.rows(0, 1, r.defaultModes())[0][0]);
        }
        PgConnectionException e = assertThrows(PgConnectionException.class, () -> victim.execute("SELECT 1"));
        // libpq's words for a lost connection, plain or TLS (psycopg2 2.9.5 shows the same)
        assertTrue(e.getMessage().contains("server closed the connection unexpectedly")
                || e.getMessage().contains("SSL connection has been closed unexpectedly"), e.getMessage());
        assertTrue(victim.isBroken());
        assertTrue(victim.isClosed());
        assertEquals('U', victim.transactionStatus());
        // libpq's PQerrorMessage: the server's FATAL error first, then the loss
        assertTrue(victim.lostMessage().startsWith("FATAL:  terminating connection due to administrator command\n"),
                victim.lostMessage());
        assertTrue(victim.lostMessage().endsWith(e.getMessage()), victim.lostMessage());
        // once broken, every later call says so at once, without touching the socket
        assertThrows(PgConnectionException.class, () -> victim.execute("SELECT 1"));
        victim.close();
        assertTrue(victim.isBroken());
    }
}
