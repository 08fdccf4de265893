package io.psycopg2jvm.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestDatabaseTest {

    @Test
    void getReturnsOneServerPerJvm() {
        assertSame(TestDatabase.get(), TestDatabase.get());
    }

    @Test
    void serverAcceptsTcpConnections() throws IOException {
        TestDatabase db = TestDatabase.get();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(db.host(), db.port()), 5000);
        }
    }

    @Test
    void environmentDescribesTheServerForPython() {
        TestDatabase db = TestDatabase.get();
        Map<String, String> env = db.environment();
        assertEquals(db.host(), env.get("PGHOST"));
        assertEquals(Integer.toString(db.port()), env.get("PGPORT"));
        assertEquals(db.user(), env.get("PGUSER"));
        assertEquals(db.database(), env.get("PGDATABASE"));
        assertEquals(db.dsn(), env.get("PGTEST_DSN"));
        assertEquals(db.sslEnabled() ? "1" : "0", env.get("PGTEST_SSL"));
        assertEquals(db.hstoreAvailable() ? "1" : "0", env.get("PGTEST_HSTORE"));
        assertEquals(db.authUsersAvailable() ? "1" : "0", env.get("PGTEST_AUTH_USERS"));
    }

    @Test
    void dsnForSwapsUserAndPassword() {
        TestDatabase db = TestDatabase.get();
        Map<String, String> params = ConninfoString.parse(db.dsnFor("pg_scram"));
        assertEquals("pg_scram", params.get("user"));
        assertEquals("secret-scram", params.get("password"));
        assertEquals(ConninfoString.parse(db.dsn()).get("dbname"), params.get("dbname"));
    }

    @Test
    void startedServersOfferTheAuthRoles() {
        assumeTrue(System.getenv(TestDatabase.DSN_ENV) == null, "server given by PGTEST_DSN");
        assertTrue(TestDatabase.get().authUsersAvailable());
        assertEquals(TestDatabase.DATABASE, TestDatabase.get().database());
    }
}
