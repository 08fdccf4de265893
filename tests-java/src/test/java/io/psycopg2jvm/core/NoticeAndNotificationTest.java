package io.psycopg2jvm.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.psycopg2jvm.core.session.PgSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NoticeResponse and NotificationResponse, which arrive between the answers to queries. */
class NoticeAndNotificationTest {

    @Test
    void noticesAreFormattedLikeLibpqAndDrainedOnce() {
        try (PgSession s = ServerDsn.open()) {
            s.execute("SET client_min_messages = notice");
            s.execute("DO $$ BEGIN RAISE NOTICE 'hello %', 42; RAISE WARNING 'careful' USING HINT = 'look';"
                    + " END $$");
            assertArrayEquals(new String[] {"NOTICE:  hello 42\n", "WARNING:  careful\nHINT:  look\n"},
                    s.drainNotices());
            assertEquals(0, s.drainNotices().length);
        }
    }

    @Test
    void noticesOfEveryStatementOfAQueryAreKeptInOrder() {
        try (PgSession s = ServerDsn.open()) {
            s.execute("DROP TABLE IF EXISTS no_such_table_a; DROP TABLE IF EXISTS no_such_table_b");
            assertArrayEquals(new String[] {
                "NOTICE:  table \"no_such_table_a\" does not exist, skipping\n",
                "NOTICE:  table \"no_such_table_b\" does not exist, skipping\n"}, s.drainNotices());
        }
    }

    @Test
    void notificationFromAnotherSessionIsDeliveredWithTheNextQuery() throws InterruptedException {
        try (PgSession listener = ServerDsn.open(); PgSession notifier = ServerDsn.open()) {
            listener.execute("LISTEN core_test_channel");
            notifier.execute("NOTIFY core_test_channel, 'first'; SELECT pg_notify('core_test_channel', 'second')");
            assertEquals(0, listener.drainNotifications().length);
            Object[][] got = receive(listener, 2);
            assertArrayEquals(new Object[] {notifier.backendPid(), "core_test_channel", "first"}, got[0]);
            assertArrayEquals(new Object[] {notifier.backendPid(), "core_test_channel", "second"}, got[1]);
            assertEquals(0, listener.drainNotifications().length);
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
            listener.execute("SELECT 1");
            got.addAll(Arrays.asList(listener.drainNotifications()));
            if (got.size() < expected) {
                Thread.sleep(10);
            }
        }
        assertEquals(expected, got.size());
        return got.toArray(new Object[0][]);
    }

    @Test
    void ownNotificationArrivesAtCommit() {
        try (PgSession s = ServerDsn.open()) {
            s.execute("LISTEN self_channel");
            s.execute("BEGIN; NOTIFY self_channel, 'later'");
            assertEquals(0, s.drainNotifications().length);
            s.execute("COMMIT");
            Object[][] got = s.drainNotifications();
            assertEquals(1, got.length);
            assertArrayEquals(new Object[] {s.backendPid(), "self_channel", "later"}, got[0]);
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
