package io.psycopg2jvm.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A throwaway PostgreSQL server: a fresh cluster in a temporary directory, listening on
 * 127.0.0.1 at a free port and on a unix socket inside that directory, removed again by
 * {@link #close()} or, at the latest, when the JVM exits.
 *
 * <pre>{@code
 * try (LocalPostgres pg = LocalPostgres.builder().database("psycopg2_test").build().start()) {
 *     String dsn = pg.dsn();   // host=127.0.0.1 port=... dbname=psycopg2_test user=postgres
 * }
 * }</pre>
 *
 * <p>The cluster is set up once with everything tests need (see {@link ClusterSetup}): the
 * superuser {@value ClusterSetup#SUPERUSER}, one role per authentication method
 * ({@link AuthRole}), TLS with a self-signed certificate when {@code openssl} is available,
 * two-phase commit, logical replication and, when its files are installed, hstore.
 *
 * <p>As root, the server programs run as {@code nobody}, since PostgreSQL refuses to run as root.
 */
public final class LocalPostgres implements AutoCloseable {

    /** The test database created unless the builder names another. */
    public static final String DEFAULT_DATABASE = "psycopg2_test";
    /** The address the server listens on. */
    public static final String HOST = "127.0.0.1";

    private static final int LOG_TAIL_LINES = 40;
    private static final int PORT_ATTEMPTS = 3;
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);

    private final String database;
    private final Path explicitBinDir;
    private final boolean sslWanted;
    private final Duration startTimeout;

    private PostgresBinaries binaries;
    private CommandRunner runner;
    private Path baseDir;
    private Path dataDir;
    private Path socketDir;
    private Path logFile;
    private Path sslRootCert;
    private int port;
    private boolean sslEnabled;
    private boolean hstoreAvailable;
    private boolean started;
    private boolean closed;
    private Thread shutdownHook;

    private LocalPostgres(Builder builder) {
        this.database = builder.database;
        this.explicitBinDir = builder.binDir;
        this.sslWanted = builder.ssl;
        this.startTimeout = builder.startTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for a {@link LocalPostgres}; every one has a default. */
    public static final class Builder {
        private String database = DEFAULT_DATABASE;
        private Path binDir;
        private boolean ssl = true;
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /** The test database to create besides {@code postgres}; default {@value #DEFAULT_DATABASE}. */
        public Builder database(String name) {
            if (name == null || name.isEmpty() || name.equals("postgres")) {
                throw new IllegalArgumentException("test database name must be non-empty and not 'postgres'");
            }
            this.database = name;
            return this;
        }

        /** The directory with initdb, pg_ctl and postgres; default: {@link PostgresBinaries#locate()}. */
        public Builder binDir(Path dir) {
            this.binDir = dir;
            return this;
        }

        /** Whether to enable TLS (needs the openssl CLI); default true. */
        public Builder ssl(boolean enabled) {
            this.ssl = enabled;
            return this;
        }

        /** How long the server may take to accept connections; default 60 seconds. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public LocalPostgres build() {
            return new LocalPostgres(this);
        }
    }

    /**
     * Creates, configures and starts the cluster; returns once it accepts connections.
     *
     * @throws IllegalStateException when a step fails, with the tool output or the server log tail
     */
    public synchronized LocalPostgres start() {
        if (started || closed) {
            throw new IllegalStateException("a LocalPostgres can be started once");
        }
        started = true;
        try {
            binaries = explicitBinDir != null ? PostgresBinaries.in(explicitBinDir) : PostgresBinaries.locate();
            runner = CommandRunner.forThisProcess();
            createDirectories();
            initdb();
            sslEnabled = sslWanted && createCertificate();
            writeConfiguration();
            Optional<Path> psql = binaries.psql();
            if (psql.isEmpty()) {
                // Without a client the setup runs in single-user mode, before the server starts.
                setupInSingleUserMode();
            }
            startServer();
            if (psql.isPresent()) {
                setupWithPsql(psql.get());
            }
            return this;
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage();
            close();
            if (e instanceof IllegalStateException) {
                throw (IllegalStateException) e;
            }
            throw new IllegalStateException("could not start a local PostgreSQL server: " + message, e);
        }
    }

    private void createDirectories() throws IOException {
        // Under /tmp: every user can traverse it (the server may run as nobody), and the unix
        // socket path stays well below its 107-byte limit.
        Path tmp = Path.of("/tmp");
        Path parent = Files.isDirectory(tmp) ? tmp : Path.of(System.getProperty("java.io.tmpdir"));
        baseDir = Files.createTempDirectory(parent, "psycopg2-jvm-pg-");
        registerShutdownHook();
        dataDir = baseDir.resolve("data");
        socketDir = Files.createDirectory(baseDir.resolve("socket"));
        logFile = baseDir.resolve("server.log");
        runner.handOver(baseDir);
    }

    private void initdb() throws IOException {
        List<String> command = List.of(binaries.initdb().toString(), "-D", dataDir.toString(),
                "-A", "trust", "-U", ClusterSetup.SUPERUSER, "-E", "UTF8", "--locale=C", "--no-sync");
        require(runner.runServerSide(command, baseDir, TOOL_TIMEOUT, null), "initdb failed");
    }

    /** A self-signed certificate for localhost; false (no TLS) when openssl is missing. */
    private boolean createCertificate() throws IOException {
        Optional<Path> openssl = Executables.onPath("openssl");
        if (openssl.isEmpty()) {
            return false;
        }
        Path key = dataDir.resolve("server.key");
        Path cert = dataDir.resolve("server.crt");
        List<String> command = new ArrayList<>(List.of(openssl.get().toString(), "req", "-x509",
                "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "3650",
                "-subj", "/CN=localhost"));
        List<String> withNames = new ArrayList<>(command);
        withNames.addAll(List.of("-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1"));
        // Run as the server user so it owns the key, as PostgreSQL demands.
        CommandRunner.Result result = runner.runServerSide(withNames, baseDir, TOOL_TIMEOUT, null);
        if (!result.succeeded()) {
            // openssl before 1.1.1 has no -addext
            result = runner.runServerSide(command, baseDir, TOOL_TIMEOUT, null);
        }
        require(result, "openssl could not create the server certificate");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        // A copy outside the data directory, for clients that verify the server (sslrootcert).
        sslRootCert = baseDir.resolve("root.crt");
        Files.copy(cert, sslRootCert, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(sslRootCert, PosixFilePermissions.fromString("rw-r--r--"));
        return true;
    }

    private void writeConfiguration() throws IOException {
        StringBuilder conf = new StringBuilder("\n# psycopg2-jvm test cluster\n");
        // The port is given on the command line: a retry after a port clash picks a new one.
        conf.append("listen_addresses = ").append(ClusterSetup.quoteLiteral(HOST)).append('\n');
        conf.append("unix_socket_directories = ").append(ClusterSetup.quoteLiteral(socketDir.toString())).append('\n');
        for (Map.Entry<String, String> setting : ClusterSetup.serverSettings().entrySet()) {
            conf.append(setting.getKey()).append(" = ").append(ClusterSetup.quoteLiteral(setting.getValue())).append('\n');
        }
        conf.append("ssl = ").append(sslEnabled ? "on" : "off").append('\n');
        if (sslEnabled) {
            conf.append("ssl_cert_file = 'server.crt'\n");
            conf.append("ssl_key_file = 'server.key'\n");
        }
        // Appending keeps the file's owner (the server user) and overrides initdb's defaults.
        Files.writeString(dataDir.resolve("postgresql.conf"), conf, StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        Files.writeString(dataDir.resolve("pg_hba.conf"), ClusterSetup.hbaConf(ClusterSetup.LOOPBACK),
                StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private void startServer() throws IOException {
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            List<String> command = List.of(binaries.pgCtl().toString(), "start", "-D", dataDir.toString(),
                    "-l", logFile.toString(), "-w", "-t", Long.toString(Math.max(1, startTimeout.toSeconds())),
                    "-o", "-p " + port);
            CommandRunner.Result result = runner.runServerSide(command, baseDir,
                    startTimeout.plus(Duration.ofSeconds(30)), null);
            if (result.succeeded()) {
                break;
            }
            String log = logTail();
            boolean portTaken = log.contains("could not bind") || log.contains("Address already in use");
            if (!portTaken || attempt == PORT_ATTEMPTS) {
                throw failure("the server did not start: " + result.describe());
            }
            // Another process took the port between our probe and the server's bind.
            runner.runServerSide(List.of(binaries.pgCtl().toString(), "stop", "-D", dataDir.toString(),
                    "-m", "immediate", "-w"), baseDir, TOOL_TIMEOUT, null);
        }
        waitUntilAcceptingTcp();
    }

    /** pg_ctl -w already waited; this also proves the TCP listener is the one we configured. */
    private void waitUntilAcceptingTcp() {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getByName(HOST), port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw failure("the server does not accept connections on " + HOST + ":" + port);
                }
                sleep(50);
            }
        }
    }

    private void setupWithPsql(Path psql) throws IOException {
        List<String> maintenance = new ArrayList<>(ClusterSetup.createDatabaseStatements(database));
        maintenance.addAll(ClusterSetup.roleStatements());
        require(psql(psql, "postgres", maintenance), "setting up roles and the test database failed");
        require(psql(psql, database, ClusterSetup.testDatabaseStatements(database)),
                "granting the test roles access to " + database + " failed");
        hstoreAvailable = psql(psql, database, List.of(ClusterSetup.hstoreStatement())).succeeded();
    }

    private CommandRunner.Result psql(Path psql, String db, List<String> statements) throws IOException {
        List<String> command = new ArrayList<>(List.of(psql.toString(), "-X", "-q", "-h", HOST,
                "-p", Integer.toString(port), "-U", ClusterSetup.SUPERUSER, "-d", db, "-v", "ON_ERROR_STOP=1"));
        // One -c per statement: each runs in its own transaction (CREATE DATABASE needs that).
        for (String statement : statements) {
            command.add("-c");
            command.add(statement);
        }
        return CommandRunner.runAsCurrentUser(command, baseDir, TOOL_TIMEOUT, Map.of());
    }

    private void setupInSingleUserMode() throws IOException {
        List<String> maintenance = new ArrayList<>(ClusterSetup.createDatabaseStatements(database));
        maintenance.addAll(ClusterSetup.roleStatements());
        require(singleUser("postgres", maintenance), "setting up roles and the test database failed");
        require(singleUser(database, ClusterSetup.testDatabaseStatements(database)),
                "granting the test roles access to " + database + " failed");
        hstoreAvailable = singleUser(database, List.of(ClusterSetup.hstoreStatement())).succeeded();
    }

    /** Runs statements through {@code postgres --single}; each statement must be one line. */
    private CommandRunner.Result singleUser(String db, List<String> statements) throws IOException {
        Path script = Files.createTempFile(baseDir, "setup-", ".sql");
        try {
            Files.writeString(script, String.join("\n", statements) + "\n", StandardCharsets.UTF_8);
            List<String> command = List.of(binaries.postgres().toString(), "--single", "-D", dataDir.toString(),
                    "-c", "exit_on_error=on", "-c", "log_min_messages=warning", db);
            return runner.runServerSide(command, baseDir, TOOL_TIMEOUT, script);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        }
    }

    private void require(CommandRunner.Result result, String what) {
        if (!result.succeeded()) {
            throw failure(what + ": " + result.describe());
        }
    }

    private IllegalStateException failure(String message) {
        String log = logTail();
        return new IllegalStateException(message + (log.isEmpty() ? ""
                : "\n--- last lines of " + logFile + " ---\n" + log));
    }

    /** The end of the server log, for error messages. */
    public String logTail() {
        if (logFile == null || !Files.isRegularFile(logFile)) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(server log unreadable: " + e.getMessage() + ")";
        }
    }

    private void registerShutdownHook() {
        shutdownHook = new Thread(this::close, "psycopg2-jvm-local-postgres-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Stops the server at once (no clean shutdown needed) and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (baseDir == null) {
            return;
        }
        stopServer();
        PostgresBinaries.deleteTree(baseDir);
        if (Files.exists(baseDir)) {
            System.err.println("psycopg2-jvm: could not delete " + baseDir);
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook's close() will find us closed
            }
        }
    }

    private void stopServer() {
        Path pidFile = dataDir == null ? null : dataDir.resolve("postmaster.pid");
        if (pidFile == null || !Files.exists(pidFile)) {
            return;
        }
        try {
            CommandRunner.Result result = runner.runServerSide(List.of(binaries.pgCtl().toString(), "stop",
                    "-D", dataDir.toString(), "-m", "immediate", "-w", "-t", "30"), baseDir, TOOL_TIMEOUT, null);
            if (result.succeeded()) {
                return;
            }
        } catch (IOException e) {
            // fall through to killing the postmaster directly
        }
        killPostmaster(pidFile);
    }

    private static void killPostmaster(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return;
            }
            long pid = Long.parseLong(lines.get(0).trim());
            ProcessHandle.of(pid).ifPresent(postmaster -> {
                postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
                postmaster.destroyForcibly();
            });
        } catch (IOException | NumberFormatException e) {
            System.err.println("psycopg2-jvm: could not stop the server of " + pidFile.getParent() + ": " + e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the server", e);
        }
    }

    private void requireStarted() {
        if (!started || closed || port == 0) {
            throw new IllegalStateException("the server is not running");
        }
    }

    /** {@value #HOST}. */
    public String host() {
        return HOST;
    }

    public int port() {
        requireStarted();
        return port;
    }

    /** The test database (not {@code postgres}). */
    public String database() {
        return database;
    }

    /** {@value ClusterSetup#SUPERUSER}, trusted on the unix socket and on 127.0.0.1. */
    public String superuser() {
        return ClusterSetup.SUPERUSER;
    }

    /** A libpq keyword/value string for the superuser in the test database. */
    public String dsn() {
        return dsnFor(ClusterSetup.SUPERUSER, null);
    }

    /** A libpq keyword/value string for this user in the test database; password may be null. */
    public String dsnFor(String user, String password) {
        requireStarted();
        StringBuilder dsn = new StringBuilder();
        dsn.append("host=").append(conninfoValue(HOST));
        dsn.append(" port=").append(port);
        dsn.append(" dbname=").append(conninfoValue(database));
        dsn.append(" user=").append(conninfoValue(user));
        if (password != null) {
            dsn.append(" password=").append(conninfoValue(password));
        }
        return dsn.toString();
    }

    /** A libpq keyword/value string for this test role, with its password. */
    public String dsnFor(AuthRole role) {
        return dsnFor(role.user(), role.password());
    }

    /** Quotes a conninfo value when libpq would otherwise split or misread it. */
    static String conninfoValue(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> c == ' ' || c == '\'' || c == '\\' || c == '=')) {
            return value;
        }
        return '\'' + value.replace("\\", "\\\\").replace("'", "\\'") + '\'';
    }

    /** Whether the server accepts TLS (hostssl rules can match). */
    public boolean sslEnabled() {
        return sslEnabled;
    }

    /** The server's self-signed certificate, usable as sslrootcert; empty without TLS. */
    public Optional<Path> sslRootCert() {
        return Optional.ofNullable(sslRootCert);
    }

    /** Whether {@code CREATE EXTENSION hstore} succeeded in the test database. */
    public boolean hstoreAvailable() {
        return hstoreAvailable;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The directory of the unix socket ({@code host=} this directory connects through it). */
    public Path socketDirectory() {
        return socketDir;
    }

    /** The temporary directory holding everything; gone after {@link #close()}. */
    public Path baseDirectory() {
        return baseDir;
    }

    public Path logFile() {
        return logFile;
    }

    public PostgresBinaries binaries() {
        return binaries;
    }

    /**
     * Starts a server, prints {@code PGHOST=}, {@code PGPORT=}, {@code PGUSER=} and
     * {@code PGDATABASE=} lines, and keeps it until stdin closes or the JVM is told to stop.
     *
     * <p>Options: {@code --database NAME}, {@code --no-ssl}, {@code --wait-for-signal} (ignore
     * stdin, for callers that start it in the background with stdin at /dev/null).
     */
    public static void main(String[] args) throws Exception {
        Builder builder = builder();
        boolean waitForSignal = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--database":
                    if (i + 1 == args.length) {
                        usage("--database needs a name");
                    }
                    builder.database(args[++i]);
                    break;
                case "--no-ssl":
                    builder.ssl(false);
                    break;
                case "--wait-for-signal":
                    waitForSignal = true;
                    break;
                default:
                    usage("unknown option " + args[i]);
            }
        }
        LocalPostgres server;
        try {
            server = builder.build().start();
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("PGHOST=" + server.host());
        System.out.println("PGPORT=" + server.port());
        System.out.println("PGUSER=" + server.superuser());
        System.out.println("PGDATABASE=" + server.database());
        System.out.flush();
        if (waitForSignal) {
            // SIGTERM/SIGINT run the shutdown hook, which closes the server.
            new CountDownLatch(1).await();
        }
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        while (in.read(buffer) != -1) {
            // input is ignored; only its end matters
        }
        server.close();
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: java io.psycopg2jvm.server.LocalPostgres [--database NAME] [--no-ssl] [--wait-for-signal]");
        System.exit(2);
    }

    @Override
    public String toString() {
        return "LocalPostgres[" + (port == 0 ? "not running" : HOST + ":" + port + "/" + database)
                + (baseDir == null ? "" : ", " + baseDir) + "]";
    }
}
