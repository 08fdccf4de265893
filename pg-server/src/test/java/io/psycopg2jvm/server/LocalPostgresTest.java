package io.psycopg2jvm.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalPostgresTest {

    private static LocalPostgres server;
    private static Path psql;

    @BeforeAll
    static void startServer() {
        server = LocalPostgres.builder().database("local_postgres_test").build().start();
        psql = server.binaries().psql().orElse(null);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Runs psql over TCP as this user; returns exit code and output. */
    private static CommandRunner.Result psqlAs(String user, String password, String sslmode, String sql)
            throws IOException {
        assumeTrue(psql != null, "no psql client on this machine");
        Map<String, String> env = new HashMap<>();
        if (password != null) {
            env.put("PGPASSWORD", password);
        }
        env.put("PGSSLMODE", sslmode);
        env.put("PGCONNECT_TIMEOUT", "10");
        List<String> command = new ArrayList<>(List.of(psql.toString(), "-X", "-w", "-A", "-t",
                "-h", server.host(), "-p", Integer.toString(server.port()), "-U", user,
                "-d", server.database(), "-c", sql));
        return CommandRunner.runAsCurrentUser(command, Path.of("/tmp"), Duration.ofSeconds(30), env);
    }

    private static String query(String sql) throws IOException {
        CommandRunner.Result result = psqlAs(server.superuser(), null, "disable", sql);
        assertEquals(0, result.exitCode(), result::describe);
        return result.output().strip();
    }

    @Test
    void superuserConnectsToTheTestDatabase() throws IOException {
        assertEquals("postgres|local_postgres_test|on", query("SELECT current_user, current_database(),"
                + " current_setting('is_superuser')"));
    }

    @Test
    void dsnNamesHostPortDatabaseAndUser() {
        assertEquals("host=127.0.0.1 port=" + server.port() + " dbname=local_postgres_test user=postgres",
                server.dsn());
        assertEquals("host=127.0.0.1 port=" + server.port() + " dbname=local_postgres_test user=pg_md5"
                + " password=secret-md5", server.dsnFor(AuthRole.MD5));
        assertEquals("'it\\'s'", LocalPostgres.conninfoValue("it's"));
    }

    @Test
    void everyPasswordRoleLogsInWithItsPasswordAndNotWithAnother() throws IOException {
        for (AuthRole role : List.of(AuthRole.PASSWORD, AuthRole.MD5, AuthRole.SCRAM)) {
            CommandRunner.Result good = psqlAs(role.user(), role.password(), "disable", "SELECT current_user");
            assertEquals(0, good.exitCode(), good::describe);
            assertEquals(role.user(), good.output().strip());

            CommandRunner.Result bad = psqlAs(role.user(), "wrong", "disable", "SELECT 1");
            assertNotEquals(0, bad.exitCode(), role.user() + " logged in with a wrong password");
            assertTrue(bad.output().contains("password authentication failed"), bad::describe);
        }
    }

    @Test
    void trustRoleNeedsNoPassword() throws IOException {
        CommandRunner.Result result = psqlAs(AuthRole.TRUST.user(), null, "disable", "SELECT current_user");
        assertEquals(0, result.exitCode(), result::describe);
        assertEquals("pg_trust", result.output().strip());
    }

    @Test
    void passwordsAreStoredAsTheirMethodNeeds() throws IOException {
        assertEquals(ClusterSetup.md5Password("pg_md5", "secret-md5"),
                query("SELECT rolpassword FROM pg_authid WHERE rolname = 'pg_md5'"));
        assertTrue(query("SELECT rolpassword FROM pg_authid WHERE rolname = 'pg_scram'")
                .startsWith("SCRAM-SHA-256$"));
    }

    @Test
    void hbaRulesGiveEachRoleItsMethod() throws IOException {
        String rules = query("SELECT type || ' ' || user_name[1] || ' ' || auth_method FROM pg_hba_file_rules"
                + " WHERE address = '127.0.0.1' AND database[1] = 'all' ORDER BY line_number");
        assertEquals(String.join("\n",
                "host postgres trust",
                "host pg_trust trust",
                "host pg_password password",
                "host pg_md5 md5",
                "host pg_scram scram-sha-256",
                "hostssl pg_sslonly trust",
                "hostnossl pg_nossl trust"), rules);
    }

    @Test
    void sslOnlyAndNoSslRolesTellTlsFromPlain() throws IOException {
        assumeTrue(server.sslEnabled(), "openssl missing: server runs without TLS");
        assertTrue(server.sslRootCert().map(Files::isRegularFile).orElse(false));
        CommandRunner.Result overTls = psqlAs("pg_sslonly", null, "require",
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
        assertEquals(0, overTls.exitCode(), overTls::describe);
        assertEquals("t", overTls.output().strip());
        assertNotEquals(0, psqlAs("pg_sslonly", null, "disable", "SELECT 1").exitCode());
        assertEquals(0, psqlAs("pg_nossl", null, "disable", "SELECT 1").exitCode());
        assertNotEquals(0, psqlAs("pg_nossl", null, "require", "SELECT 1").exitCode());
    }

    @Test
    void hstoreIsInstalledInTheTestDatabase() throws IOException {
        assumeTrue(server.hstoreAvailable(), "hstore extension files are not installed");
        assertEquals("hstore", query("SELECT extname FROM pg_extension WHERE extname = 'hstore'"));
        assertEquals("b", query("SELECT 'a=>b'::hstore -> 'a'"));
    }

    @Test
    void serverHasTheSettingsLaterFeaturesNeed() throws IOException {
        assertEquals("10|logical|10|10|off", query("SELECT current_setting('max_prepared_transactions'),"
                + " current_setting('wal_level'), current_setting('max_wal_senders'),"
                + " current_setting('max_replication_slots'), current_setting('fsync')"));
    }

    @Test
    void testRolesMayCreateTablesInTheTestDatabase() throws IOException {
        CommandRunner.Result result = psqlAs("pg_scram", "secret-scram", "disable",
                "CREATE TABLE scram_owned (id int); DROP TABLE scram_owned");
        assertEquals(0, result.exitCode(), result::describe);
    }

    @Test
    void unixSocketLivesInsideTheTemporaryDirectory() {
        Path socket = server.socketDirectory().resolve(".s.PGSQL." + server.port());
        assertTrue(Files.exists(socket), socket + " missing");
        assertTrue(socket.startsWith(server.baseDirectory()));
    }

    @Test
    void closeStopsTheServerAndDeletesItsDirectory() throws IOException {
        LocalPostgres own = LocalPostgres.builder().ssl(false).build().start();
        Path base = own.baseDirectory();
        int port = own.port();
        assertTrue(Files.isDirectory(own.dataDir()));
        assertFalse(own.sslEnabled());
        own.close();
        assertFalse(Files.exists(base), base + " still exists");
        assertThrows(IOException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LocalPostgres.HOST, port), 1000);
            }
        });
        assertThrows(IllegalStateException.class, own::port);
        own.close();
    }

    @Test
    void unprivilegedUserOwnsTheClusterWhenRunningAsRoot() throws IOException {
        assumeTrue(CommandRunner.isRoot(), "not running as root");
        assertEquals("nobody", Files.getOwner(server.dataDir()).getName());
    }
}
