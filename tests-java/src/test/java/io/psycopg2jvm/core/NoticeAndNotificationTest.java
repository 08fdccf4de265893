package io.psycopg2jvm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.psycopg2jvm.core.error.PgServerException;
import io.psycopg2jvm.core.session.PgSession;
import io.psycopg2jvm.core.session.QueryResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NoticeResponse and NotificationResponse, which arrive between the answers to queries. A
 * successful execute() hands them over with its QueryResult; whatever came with a failed query
 * or with executePipelined stays in the session for drainNotices() / drainNotifications().
 */
class NoticeAndNotificationTest {

    @Test
    void noticesAreFormattedLikeLibpqAndComeWithTheResult() {
        try (PgSession s = ServerDsn.open()) {
            s.execute("SET client_min_messages = notice");
            QueryResult r = s.execute("DO $$ BEGIN RAISE NOTICE 'hello %', 42; RAISE WARNING 'careful'"
                    + " USING HINT = 'look'; END $$");
            // libpq shows CONTEXT for errors only: psycopg2's notices have none
            assertArrayEquals(new String[] {"NOTICE:  hello 42\n", "WARNING:  careful\nHINT:  look\n"}, r.notices());
            assertEquals(0, s.drainNotices().length);
            assertEquals(0, s.execute("SELECT 1").notices().length);
        }
    }

    @Test
    void noticesOfEveryStatementOfAQueryAreKeptInOrder() {
        try (PgSession s = ServerDsn.open()) {
            QueryResult r = s.execute("DROP TABLE IF EXISTS no_such_table_a; DROP TABLE IF EXISTS no_such_table_b");
            assertArrayEquals(new String[] {
                "NOTICE:  table \"no_such_table_a\" does not exist, skipping\n",
                "NOTICE:  table \"no_such_table_b\" does not exist, skipping\n"}, r.notices());
        }
    }

    @Test
    void noticesBeforeAnErrorStayInTheSession() {
        try (PgSession s = ServerDsn.open()) {
            assertThrows(PgServerException.class,
                    () -> s.execute("DO $$ BEGIN RAISE NOTICE 'before'; PERFORM 1/0; END $$"));
            assertArrayEquals(new String[] {"NOTICE:  before\n"}, s.drainNotices());
            assertEquals(0, s.drainNotices().length);
        }
    }

    @Test
    void noticesOfPipelinedStatementsStayInTheSession() {
        try (PgSession s = ServerDsn.open()) {
            s.execute("CREATE TEMP TABLE noisy (id int)");
            s.execute("CREATE FUNCTION pg_temp.shout() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN RAISE NOTICE 'row %', NEW.id; RETURN NEW; END $$");
            s.execute("CREATE TRIGGER shout BEFORE INSERT ON noisy FOR EACH ROW EXECUTE FUNCTION pg_temp.shout()");
            String[] inserts = new String[100];
            for (int i = 0; i < inserts.length; i++) {
                inserts[i] = "INSERT INTO noisy VALUES (" + i + ")";
            }
            assertEquals(100, s.executePipelined(inserts).rowcount());
            String[] notices = s.drainNotices();
            assertEquals(100, notices.length);
            assertEquals("NOTICE:  row 0\n", notices[0]);
            assertEquals("NOTICE:  row 99\n", notices[99]);
        }
    }

    /**
     * The server signals an idle listener at once, but nothing orders that signal against our
     * next query: poll with trivial queries until the expected notifications came.
     */
    private static Object[][] receive(PgSession listener, int expected) throws InterruptedException {
        List<Object[]> got = new ArrayList<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (got.size() < expected && System.nanoTime() < deadline) {
            got.addAll(Arrays.asList(listener.execute("SELECT 1").notifications()));
            got.addAll(Arrays.asList(listener.drainNotifications()));
            if (got.size() < expected) {
                Thread.sleep(10);
            }
        }
        assertEquals(expected, got.size());
        return got.toArray(new Object[0][]);
    }

    @Test
    void notificationFromAnotherSessionIsDeliveredWithTheNextQuery() throws InterruptedException {
        try (PgSession listener = ServerDsn.open(); PgSession notifier = ServerDsn.open()) {
            assertEquals(0, listener.execute("LISTEN core_test_channel").notifications().length);
            notifier.execute("NOTIFY core_test_channel, 'first'; SELECT pg_notify('core_test_channel', 'second')");
            Object[][] got = receive(listener, 2);
            assertArrayEquals(new Object[] {notifier.backendPid(), "core_test_channel", "first"}, got[0]);
            assertArrayEquals(new Object[] {notifier.backendPid(), "core_test_channel", "second"}, got[1]);
            assertEquals(0, listener.drainNotifications().length);
        }
    }

    @Test
    void ownNotificationArrivesAtCommit() {
        try (PgSession s = ServerDsn.open()) {
            s.execute("LISTEN self_channel");
            assertEquals(0, s.execute("BEGIN; NOTIFY self_channel, 'later'").notifications().length);
            Object[][] got = s.execute("COMMIT").notifications();
            assertEquals(1, got.length);
            assertArrayEquals(new Object[] {s.backendPid(), "self_channel", "later"}, got[0]);
            assertEquals(0, s.drainNotifications().length);
        }
    }

    @Test
    void notificationsOfPipelinedStatementsStayInTheSession() {
        try (PgSession s = ServerDsn.open()) {
            s.execute("LISTEN pipelined");
            assertEquals(-1, s.executePipelined(new String[] {"NOTIFY pipelined, 'a'", "NOTIFY pipelined, 'b'"})
                    .rowcount());
            Object[][] got = s.drainNotifications();
            assertEquals(2, got.length);
            assertEquals("a", got[0][2]);
            assertEquals("b", got[1][2]);
        }
    }

    @Test
    void notificationsOfUnlistenedChannelsAreNotDelivered() throws InterruptedException {
        try (PgSession listener = ServerDsn.open(); PgSession notifier = ServerDsn.open()) {
            listener.execute("LISTEN wanted; UNLISTEN wanted");
            listener.execute("LISTEN control");
            notifier.execute("NOTIFY wanted, 'x'; NOTIFY control, 'y'");
            // the control notification was sent after the unwanted one, so once it is here, so would that be
            Object[][] got = receive(listener, 1);
            assertEquals("control", got[0][1]);
        }
    }
}
