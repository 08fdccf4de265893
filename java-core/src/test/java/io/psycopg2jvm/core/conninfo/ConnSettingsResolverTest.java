package io.psycopg2jvm.core.conninfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.psycopg2jvm.core.error.PgConnectionException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnSettingsResolverTest {
    @TempDir
    Path home;

    private ConnSettings resolve(String dsn) {
        return resolve(dsn, Map.of());
    }

    private ConnSettings resolve(String dsn, Map<String, String> environment) {
        return resolve(dsn, environment, false);
    }

    private ConnSettings resolve(String dsn, Map<String, String> environment, boolean socketDirectoryExists) {
        LocalDefaults local = new LocalDefaults("osuser", home, socketDirectoryExists, home.resolve("etc"), "SQL_ASCII");
        return new ConnSettingsResolver(environment, local).resolve(ConnInfo.parse(dsn));
    }

    private String error(String dsn) {
        return error(dsn, Map.of());
    }

    private String error(String dsn, Map<String, String> environment) {
        return assertThrows(InvalidConnSettingsException.class, () -> resolve(dsn, environment)).getMessage();
    }

    @Test
    void emptyStringGivesLibpqDefaults() {
        ConnSettings s = resolve("");
        assertEquals(List.of("localhost"), s.hosts());
        assertEquals(List.of(""), s.hostaddrs());
        assertEquals(List.of(5432), s.ports());
        assertEquals("osuser", s.user());
        assertEquals("osuser", s.dbname());
        assertNull(s.password());
        assertEquals("prefer", s.sslmode());
        assertEquals(0, s.connectTimeout());
        assertEquals("", s.options());
        assertNull(s.clientEncoding());
        assertNull(s.applicationName());
        assertNull(s.effectiveApplicationName());
        assertTrue(s.keepalives());
        assertEquals(0, s.keepalivesIdle());
        assertEquals("any", s.targetSessionAttrs());
        assertEquals("prefer", s.channelBinding());
        assertEquals("prefer", s.gssencmode());
        assertTrue(s.sslsni());
        assertEquals("TLSv1.2", s.sslMinProtocolVersion());
        assertEquals("", s.sslMaxProtocolVersion());
        assertNull(s.sslrootcert());
        assertEquals(home.resolve(".pgpass").toString(), s.passfile());
        assertNull(s.service());
        assertTrue(s.warnings().isEmpty());
    }

    @Test
    void defaultHostIsTheSocketDirectoryWhenItExists() {
        ConnSettings s = resolve("", Map.of(), true);
        assertEquals(List.of("/var/run/postgresql"), s.hosts());
        assertTrue(s.endpoints().get(0).isUnixSocket());
    }

    @Test
    void osUserDefaultComesFromTheJvm() {
        assertEquals(System.getProperty("user.name"), LocalDefaults.system().osUser());
    }

    @Test
    void stringValuesBeatEnvironmentVariables() {
        ConnSettings s = resolve("host=a port=1 user=u dbname=d sslmode=disable",
                Map.of("PGHOST", "b", "PGPORT", "2", "PGUSER", "v", "PGDATABASE", "e", "PGSSLMODE", "require"));
        assertEquals(List.of("a"), s.hosts());
        assertEquals(List.of(1), s.ports());
        assertEquals("u", s.user());
        assertEquals("d", s.dbname());
        assertEquals("disable", s.sslmode());
    }

    @Test
    void environmentVariablesFillWhatTheStringLeavesOut() {
        ConnSettings s = resolve("", Map.ofEntries(
                Map.entry("PGHOST", "db.example"), Map.entry("PGPORT", "6543"), Map.entry("PGUSER", "alice"),
                Map.entry("PGPASSWORD", "pw"), Map.entry("PGDATABASE", "shop"), Map.entry("PGSSLMODE", "verify-full"),
                Map.entry("PGAPPNAME", "app"), Map.entry("PGCONNECT_TIMEOUT", "10"), Map.entry("PGOPTIONS", "-c x=1"),
                Map.entry("PGCLIENTENCODING", "LATIN1"), Map.entry("PGPASSFILE", "/nonexistent/pgpass"),
                Map.entry("PGSSLROOTCERT", "/ca.crt"), Map.entry("PGSSLCERT", "/c.crt"), Map.entry("PGSSLKEY", "/c.key"),
                Map.entry("PGSSLCRL", "/c.crl"), Map.entry("PGTARGETSESSIONATTRS", "read-write"),
                Map.entry("PGCHANNELBINDING", "require"), Map.entry("PGGSSENCMODE", "disable")));
        assertEquals(List.of("db.example"), s.hosts());
        assertEquals(List.of(6543), s.ports());
        assertEquals("alice", s.user());
        assertEquals("pw", s.password());
        assertEquals("shop", s.dbname());
        assertEquals("verify-full", s.sslmode());
        assertEquals("app", s.effectiveApplicationName());
        assertEquals(10, s.connectTimeout());
        assertEquals("-c x=1", s.options());
        assertEquals("LATIN1", s.clientEncoding());
        assertEquals("/nonexistent/pgpass", s.passfile());
        assertEquals("/ca.crt", s.sslrootcert());
        assertEquals("/c.crt", s.sslcert());
        assertEquals("/c.key", s.sslkey());
        assertEquals("/c.crl", s.sslcrl());
        assertEquals("read-write", s.targetSessionAttrs());
        assertEquals("require", s.channelBinding());
        assertEquals("disable", s.gssencmode());
    }

    @Test
    void anEmptyValueInTheStringStillHidesTheVariable() {
        ConnSettings s = resolve("port='' host=''", Map.of("PGPORT", "1", "PGHOST", "elsewhere"));
        assertEquals(List.of(5432), s.ports());
        assertEquals(List.of("localhost"), s.hosts());
    }

    @Test
    void databaseDefaultsToTheResolvedUser() {
        assertEquals("alice", resolve("", Map.of("PGUSER", "alice")).dbname());
        assertEquals("bob", resolve("user=bob dbname=''").dbname());
        assertEquals("osuser", resolve("user=''").user());
        assertEquals("osuser", resolve("", Map.of("PGDATABASE", "")).dbname());
    }

    @Test
    void unixSocketPathsAreKeptAsGiven() {
        ConnSettings s = resolve("host=/tmp/sockets port=5433");
        assertEquals(List.of("/tmp/sockets"), s.hosts());
        ConnSettings.Endpoint e = s.endpoints().get(0);
        assertTrue(e.isUnixSocket());
        assertEquals("/tmp/sockets", e.address());
        assertEquals(5433, e.port());
    }

    @Test
    void hostListsWithOnePortPerHost() {
        ConnSettings s = resolve("host=a,b,c port=1,2,3");
        assertEquals(List.of("a", "b", "c"), s.hosts());
        assertEquals(List.of(1, 2, 3), s.ports());
        assertEquals(3, s.endpoints().size());
        assertEquals("b", s.endpoints().get(1).host());
        assertEquals(2, s.endpoints().get(1).port());
    }

    @Test
    void oneWithPortServesEveryHost() {
        assertEquals(List.of(7, 7), resolve("host=a,b port=7").ports());
    }

    @Test
    void emptyItemsOfHostAndPortListsMeanTheDefaults() {
        ConnSettings s = resolve("postgresql://h1:1,,h3/d");
        assertEquals(List.of("h1", "localhost", "h3"), s.hosts());
        assertEquals(List.of(1, 5432, 5432), s.ports());
    }

    @Test
    void ipv6HostsFromUris() {
        ConnSettings s = resolve("postgresql://[::1]:5433,[fe80::1%25eth0]/d");
        assertEquals(List.of("::1", "fe80::1%eth0"), s.hosts());
        assertEquals(List.of(5433, 5432), s.ports());
        assertFalse(s.endpoints().get(0).isUnixSocket());
    }

    @Test
    void hostaddrAloneGivesTheServers() {
        ConnSettings s = resolve("hostaddr=127.0.0.1,10.0.0.1 port=5");
        assertEquals(List.of("", ""), s.hosts());
        assertEquals(List.of("127.0.0.1", "10.0.0.1"), s.hostaddrs());
        assertEquals("10.0.0.1", s.endpoints().get(1).address());
        assertFalse(s.endpoints().get(0).isUnixSocket());
    }

    @Test
    void hostaddrIsUsedForConnectingAndHostForNaming() {
        ConnSettings.Endpoint e = resolve("host=db.example hostaddr=10.0.0.1").endpoints().get(0);
        assertEquals("db.example", e.host());
        assertEquals("10.0.0.1", e.address());
    }

    /** Messages: libpq 15 through psycopg2.connect() (OperationalError), checked on a live server. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "host=a,b port=1,2,3|could not match 3 port numbers to 2 hosts",
            "port=,|could not match 2 port numbers to 1 hosts",
            "port=5432,|could not match 2 port numbers to 1 hosts",
            "host=a,b hostaddr=127.0.0.1|could not match 2 host names to 1 hostaddr values",
            "hostaddr=1.1.1.1,2.2.2.2 host=x|could not match 1 host names to 2 hostaddr values",
            "hostaddr=1.1.1.1,2.2.2.2 port=1,2,3|could not match 3 port numbers to 2 hosts",
            "port=abc|invalid integer value \"abc\" for connection option \"port\"",
            "port=55439x|invalid integer value \"55439x\" for connection option \"port\"",
            "port=0|invalid port number: \"0\"",
            "port=70000|invalid port number: \"70000\"",
            "port=-1|invalid port number: \"-1\"",
            "sslmode=bogus|invalid sslmode value: \"bogus\"",
            "sslmode=''|invalid sslmode value: \"\"",
            "sslmode=DISABLE|invalid sslmode value: \"DISABLE\"",
            "target_session_attrs=x|invalid target_session_attrs value: \"x\"",
            "target_session_attrs=READ-WRITE|invalid target_session_attrs value: \"READ-WRITE\"",
            "channel_binding=''|invalid channel_binding value: \"\"",
            "gssencmode=x|invalid gssencmode value: \"x\"",
            "ssl_min_protocol_version=x|invalid ssl_min_protocol_version value: \"x\"",
            "ssl_max_protocol_version=TLSv1.2 ssl_min_protocol_version=TLSv1.3|invalid SSL protocol version range",
    })
    void rejectsWhatLibpqRejectsWithItsMessage(String dsn, String message) {
        assertEquals(message, error(dsn));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "connect_timeout=x|invalid integer value \"x\" for connection option \"connect_timeout\"",
            "connect_timeout=''|invalid integer value \"\" for connection option \"connect_timeout\"",
            "connect_timeout=2x|invalid integer value \"2x\" for connection option \"connect_timeout\"",
            "connect_timeout=99999999999|invalid integer value \"99999999999\" for connection option \"connect_timeout\"",
            "connect_timeout=-99999999999|invalid integer value \"-99999999999\" for connection option \"connect_timeout\"",
            "keepalives=''|invalid integer value \"\" for connection option \"keepalives\"",
            "keepalives_idle=x|invalid integer value \"x\" for connection option \"keepalives_idle\"",
            "tcp_user_timeout=x|invalid integer value \"x\" for connection option \"tcp_user_timeout\"",
            "connect_timeout=x keepalives=y|invalid integer value \"x\" for connection option \"connect_timeout\"",
    })
    void integersLibpqReadsAsItConnectsFailTheFirstAttemptInstead(String dsn, String message) {
        ConnSettings s = resolve(dsn);
        assertEquals(message, s.attemptError());
    }

    @Test
    void environmentValuesAreCheckedToo() {
        assertEquals("invalid sslmode value: \"bogus\"", error("", Map.of("PGSSLMODE", "bogus")));
        assertEquals("could not match 2 port numbers to 1 hosts", error("host=h", Map.of("PGPORT", "1,2")));
        assertEquals("invalid integer value \"\" for connection option \"connect_timeout\"",
                resolve("", Map.of("PGCONNECT_TIMEOUT", "")).attemptError());
    }

    @Test
    void settingsErrorsAreConnectionErrors() {
        assertInstanceOf(PgConnectionException.class,
                assertThrows(InvalidConnSettingsException.class, () -> resolve("sslmode=x")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "' 55439'|55439",
            "' 55439 '|55439",
            "+55439|55439",
            "0000005432|5432",
    })
    void portsAreReadAsLibpqReadsIntegers(String port, int expected) {
        assertEquals(List.of(expected), resolve("port='" + port + "'").ports());
    }

    @ParameterizedTest
    @CsvSource({"5,5", "1,2", "2,2", "0,0", "-5,0"})
    void connectTimeoutHasAMinimumOfTwoSecondsAndZeroOrLessMeansNone(String given, int expected) {
        assertEquals(expected, resolve("connect_timeout=" + given).connectTimeout());
    }

    @Test
    void keepaliveSettings() {
        ConnSettings s = resolve("keepalives=0 keepalives_idle=' 30' keepalives_interval=+5 keepalives_count=3"
                + " tcp_user_timeout=1000");
        assertFalse(s.keepalives());
        assertEquals(30, s.keepalivesIdle());
        assertEquals(5, s.keepalivesInterval());
        assertEquals(3, s.keepalivesCount());
        assertEquals(1000, s.tcpUserTimeout());
        assertTrue(resolve("keepalives=2").keepalives());
    }

    @Test
    void sslSettingsAreKeptForTheTlsLayer() {
        ConnSettings s = resolve("sslmode=verify-ca sslcert=/c sslkey=/k sslpassword=kp sslrootcert=/r sslcrl=/l"
                + " sslcrldir=/d sslsni=0 ssl_min_protocol_version=tlsv1.3 ssl_max_protocol_version=TLSv1.3");
        assertEquals("verify-ca", s.sslmode());
        assertEquals("/c", s.sslcert());
        assertEquals("/k", s.sslkey());
        assertEquals("kp", s.sslpassword());
        assertEquals("/r", s.sslrootcert());
        assertEquals("/l", s.sslcrl());
        assertEquals("/d", s.sslcrldir());
        assertFalse(s.sslsni());
        assertEquals("tlsv1.3", s.sslMinProtocolVersion());
        assertEquals("TLSv1.3", s.sslMaxProtocolVersion());
        assertEquals("", resolve("ssl_min_protocol_version=''").sslMinProtocolVersion());
    }

    @ParameterizedTest
    @CsvSource({"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})
    void everySslmodeOfLibpqIsAccepted(String mode) {
        assertEquals(mode, resolve("sslmode=" + mode).sslmode());
    }

    @ParameterizedTest
    @CsvSource({"any", "read-write", "read-only", "primary", "standby", "prefer-standby"})
    void everyTargetSessionAttrsOfLibpqIsAccepted(String attrs) {
        assertEquals(attrs, resolve("target_session_attrs=" + attrs).targetSessionAttrs());
    }

    @Test
    void pgrequiresslCountsOnlyWithoutAnySslmode() {
        assertEquals("require", resolve("", Map.of("PGREQUIRESSL", "1")).sslmode());
        assertEquals("prefer", resolve("", Map.of("PGREQUIRESSL", "0")).sslmode());
        assertEquals("disable", resolve("", Map.of("PGREQUIRESSL", "1", "PGSSLMODE", "disable")).sslmode());
        assertEquals("allow", resolve("sslmode=allow", Map.of("PGREQUIRESSL", "1")).sslmode());
    }

    @Test
    void requiresslInTheStringIsSslmode() {
        assertEquals("require", resolve("requiressl=1").sslmode());
    }

    @Test
    void applicationNameFallsBackOnlyWhenEmpty() {
        assertEquals("a", resolve("application_name=a fallback_application_name=f").effectiveApplicationName());
        assertEquals("f", resolve("fallback_application_name=f").effectiveApplicationName());
        assertEquals("f", resolve("application_name='' fallback_application_name=f").effectiveApplicationName());
        assertEquals("f", resolve("fallback_application_name=f", Map.of("PGAPPNAME", "")).effectiveApplicationName());
        assertEquals("env", resolve("fallback_application_name=f", Map.of("PGAPPNAME", "env"))
                .effectiveApplicationName());
    }

    @Test
    void replicationAndClientEncodingPassThrough() {
        ConnSettings s = resolve("replication=database client_encoding=LATIN1");
        assertEquals("database", s.replication());
        assertEquals("LATIN1", s.clientEncoding());
        // "auto" stands for the locale's encoding (see LocaleEncodingTest); C without a locale
        assertEquals("SQL_ASCII", resolve("client_encoding=auto").clientEncoding());
    }

    @Test
    void explicitPasswordIsEveryEndpointsPassword() {
        ConnSettings s = resolve("host=a,b password=pw");
        assertEquals("pw", s.password());
        assertEquals("pw", s.endpoints().get(1).password());
        assertFalse(s.endpoints().get(1).passwordFromPassfile());
        assertEquals("pw", resolve("", Map.of("PGPASSWORD", "pw")).passwordFor(0));
    }

    @Test
    void toStringHidesThePassword() {
        String text = resolve("password=topsecret host=h").toString();
        assertFalse(text.contains("topsecret"), text);
        assertTrue(text.contains("password=xxx"), text);
    }

    @Test
    void resolveWithoutArgumentsReadsTheCurrentEnvironment() {
        String key = Environment.PROPERTY_PREFIX + "PGAPPNAME";
        String old = System.getProperty(key);
        System.setProperty(key, "from-property");
        try {
            assertEquals("from-property", ConnInfo.parse("").resolve().applicationName());
            assertEquals("given", ConnInfo.parse("application_name=given").resolve().applicationName());
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }
}
