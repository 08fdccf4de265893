package io.psycopg2jvm.testsupport;

import io.psycopg2jvm.server.AuthRole;
import io.psycopg2jvm.server.LocalPostgres;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL server every test in this JVM uses, started on first {@link #get()} and
 * stopped when the JVM exits. It comes from, in order:
 * <ol>
 *   <li>{@value #DSN_ENV}: an existing server, used as given. Its capabilities are unknown, so
 *       they are read from {@code PGTEST_SSL}, {@code PGTEST_HSTORE} and {@code PGTEST_AUTH_USERS}
 *       ({@code 1} = present) and default to absent; tests needing them skip.</li>
 *   <li>Testcontainers, when a Docker engine answers: the official image with the test roles
 *       (no TLS).</li>
 *   <li>{@link LocalPostgres}: a throwaway server from the machine's PostgreSQL binaries.</li>
 * </ol>
 * {@value #BACKEND_ENV} ({@code docker} or {@code local}) skips the choice.
 */
public final class TestDatabase {

    public static final String DSN_ENV = "PGTEST_DSN";
    public static final String BACKEND_ENV = "PGTEST_BACKEND";
    public static final String SSL_ENV = "PGTEST_SSL";
    public static final String HSTORE_ENV = "PGTEST_HSTORE";
    public static final String AUTH_USERS_ENV = "PGTEST_AUTH_USERS";
    /** The test database of the servers this fixture starts. */
    public static final String DATABASE = LocalPostgres.DEFAULT_DATABASE;

    private static TestDatabase instance;

    /** Where a server is and what it can do; {@code stop} releases it (null: nothing to stop). */
    record Endpoint(String origin, String host, int port, String database, String user, String password,
                    boolean ssl, boolean hstore, boolean authUsers, Path sslRootCert, AutoCloseable stop) {
    }

    private final Endpoint endpoint;
    /** The connection keywords of {@link #dsn()}; dsnFor() swaps user and password in them. */
    private final Map<String, String> keywords;
    private final String dsn;

    private TestDatabase(Endpoint endpoint, String givenDsn) {
        this.endpoint = endpoint;
        if (givenDsn != null) {
            this.dsn = givenDsn;
            this.keywords = ConninfoString.parse(givenDsn);
        } else {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("host", endpoint.host());
            params.put("port", Integer.toString(endpoint.port()));
            params.put("dbname", endpoint.database());
            params.put("user", endpoint.user());
            this.keywords = params;
            this.dsn = ConninfoString.format(params);
        }
    }

    /** The JVM-wide test server, started on first call. */
    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = open();
            if (instance.endpoint.stop() != null) {
                AutoCloseable stop = instance.endpoint.stop();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        stop.close();
                    } catch (Exception e) {
                        System.err.println("psycopg2-jvm: stopping the test database failed: " + e);
                    }
                }, "psycopg2-jvm-test-database-stop"));
            }
        }
        return instance;
    }

    private static TestDatabase open() {
        String given = System.getenv(DSN_ENV);
        if (given != null && !given.isBlank()) {
            return fromDsn(given);
        }
        String backend = System.getenv().getOrDefault(BACKEND_ENV, "").toLowerCase(Locale.ROOT);
        if (!backend.equals("local") && (backend.equals("docker") || ContainerPostgres.dockerAvailable())) {
            try {
                return new TestDatabase(ContainerPostgres.start(DATABASE), null);
            } catch (Exception | LinkageError e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (backend.equals("docker")) {
                    throw new IllegalStateException("could not start the PostgreSQL container: " + e, e);
                }
                System.err.println("psycopg2-jvm: Docker is reachable but the PostgreSQL container did not"
                        + " start (" + e + "); using local PostgreSQL binaries instead");
            }
        }
        LocalPostgres server = LocalPostgres.builder().database(DATABASE).build().start();
        return new TestDatabase(new Endpoint("local " + server.binaries().binDir(), server.host(),
                server.port(), server.database(), server.superuser(), null, server.sslEnabled(),
                server.hstoreAvailable(), true, server.sslRootCert().orElse(null), server), null);
    }

    private static TestDatabase fromDsn(String dsn) {
        Map<String, String> params = ConninfoString.parse(dsn);
        String host = firstOf(params.get("host"), System.getenv("PGHOST"), "localhost");
        String port = firstOf(params.get("port"), System.getenv("PGPORT"), "5432");
        String user = firstOf(params.get("user"), System.getenv("PGUSER"), System.getProperty("user.name"));
        String database = firstOf(params.get("dbname"), System.getenv("PGDATABASE"), user);
        String password = firstOf(params.get("password"), System.getenv("PGPASSWORD"), null);
        Endpoint endpoint = new Endpoint(DSN_ENV, firstListElement(host), Integer.parseInt(firstListElement(port)),
                database, user, password, flag(SSL_ENV), flag(HSTORE_ENV), flag(AUTH_USERS_ENV), null, null);
        return new TestDatabase(endpoint, dsn);
    }

    private static String firstOf(String a, String b, String c) {
        if (a != null && !a.isEmpty()) {
            return a;
        }
        if (b != null && !b.isEmpty()) {
            return b;
        }
        return c;
    }

    /** libpq allows lists ("h1,h2"); the fixture reports the first. */
    private static String firstListElement(String list) {
        int comma = list.indexOf(',');
        return comma < 0 ? list : list.substring(0, comma);
    }

    private static boolean flag(String name) {
        return "1".equals(System.getenv(name));
    }

    /** A libpq keyword/value string (or, for {@value #DSN_ENV}, the string given) for the superuser. */
    public String dsn() {
        return dsn;
    }

    /**
     * The same connection as {@link #dsn()} but as a test role (e.g. {@code pg_md5}), with its
     * password. Check {@link #authUsersAvailable()} first.
     */
    public String dsnFor(String role) {
        return dsnFor(AuthRole.forUser(role));
    }

    public String dsnFor(AuthRole role) {
        Map<String, String> params = new LinkedHashMap<>(keywords);
        params.put("user", role.user());
        params.put("password", role.password());
        return ConninfoString.format(params);
    }

    public String host() {
        return endpoint.host();
    }

    public int port() {
        return endpoint.port();
    }

    public String database() {
        return endpoint.database();
    }

    /** The superuser the tests connect as. */
    public String user() {
        return endpoint.user();
    }

    /** Whether TLS connections work and pg_sslonly / pg_nossl tell them apart. */
    public boolean sslEnabled() {
        return endpoint.ssl();
    }

    /** The CA certificate that signed the server's certificate, when this fixture made it. */
    public Optional<Path> sslRootCert() {
        return Optional.ofNullable(endpoint.sslRootCert());
    }

    public boolean hstoreAvailable() {
        return endpoint.hstore();
    }

    /** Whether the {@link AuthRole} roles exist with their pg_hba.conf rules. */
    public boolean authUsersAvailable() {
        return endpoint.authUsers();
    }

    /** Where the server came from, for test reports: "PGTEST_DSN", "testcontainers ...", "local ...". */
    public String origin() {
        return endpoint.origin();
    }

    /**
     * Environment variables describing this server for a Python test process: the libpq
     * variables (PGHOST, PGPORT, PGUSER, PGDATABASE, and PGPASSWORD when the superuser has
     * one), PGTEST_DSN, and the capability flags PGTEST_SSL, PGTEST_HSTORE and
     * PGTEST_AUTH_USERS ({@code 1} or {@code 0}); PGTEST_SSLROOTCERT names the server
     * certificate when it is known.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", host());
        env.put("PGPORT", Integer.toString(port()));
        env.put("PGUSER", user());
        env.put("PGDATABASE", database());
        if (endpoint.password() != null) {
            env.put("PGPASSWORD", endpoint.password());
        }
        env.put(DSN_ENV, dsn());
        env.put(SSL_ENV, sslEnabled() ? "1" : "0");
        env.put(HSTORE_ENV, hstoreAvailable() ? "1" : "0");
        env.put(AUTH_USERS_ENV, authUsersAvailable() ? "1" : "0");
        if (endpoint.sslRootCert() != null) {
            env.put("PGTEST_SSLROOTCERT", endpoint.sslRootCert().toString());
        }
        return Collections.unmodifiableMap(env);
    }

    @Override
    public String toString() {
        return "TestDatabase[" + origin() + ", " + host() + ":" + port() + "/" + database() + "]";
    }
}
