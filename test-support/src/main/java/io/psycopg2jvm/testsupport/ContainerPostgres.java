package io.psycopg2jvm.testsupport;

import io.psycopg2jvm.server.ClusterSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * The Testcontainers backend of {@link TestDatabase}: the official PostgreSQL image configured
 * like {@link io.psycopg2jvm.server.LocalPostgres} (same settings, roles and pg_hba.conf rules,
 * applied with psql inside the container), except that it has no TLS.
 *
 * <p>Kept apart from TestDatabase so that a classpath without Testcontainers fails here, where
 * the caller catches it, and nowhere else.
 */
final class ContainerPostgres {

    /** Environment variable choosing the image; default {@value #DEFAULT_IMAGE}. */
    static final String IMAGE_ENV = "PGTEST_IMAGE";
    static final String DEFAULT_IMAGE = "postgres:15-alpine";

    private ContainerPostgres() {
    }

    /** Whether a Docker engine answers; any failure (no socket, no Testcontainers) means no. */
    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    /** Starts and configures a container; the caller stops it with the returned endpoint. */
    static TestDatabase.Endpoint start(String database) throws IOException, InterruptedException {
        String image = System.getenv().getOrDefault(IMAGE_ENV, DEFAULT_IMAGE);
        List<String> command = new ArrayList<>(List.of("postgres"));
        for (Map.Entry<String, String> setting : ClusterSetup.serverSettings().entrySet()) {
            command.add("-c");
            command.add(setting.getKey() + "=" + setting.getValue());
        }
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(
                DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
                .withDatabaseName(database)
                .withUsername(ClusterSetup.SUPERUSER)
                .withPassword(ClusterSetup.SUPERUSER);
        container.setCommand(command.toArray(new String[0]));
        container.start();
        try {
            psql(container, "postgres", ClusterSetup.roleStatements());
            psql(container, database, ClusterSetup.testDatabaseStatements(database));
            boolean hstore = tryPsql(container, database, List.of(ClusterSetup.hstoreStatement()));
            replaceHbaRules(container);
            return new TestDatabase.Endpoint("testcontainers " + image, container.getHost(),
                    container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT), database,
                    ClusterSetup.SUPERUSER, null, false, hstore, true, null,
                    container::stop);
        } catch (IOException | InterruptedException | RuntimeException e) {
            container.stop();
            throw e;
        }
    }

    /**
     * Swaps the image's pg_hba.conf (password for everyone) for the test rules, which trust the
     * superuser: the fixture's DSN then needs no password, as with LocalPostgres. Connections
     * from the host arrive from a bridge address, so the rules accept any address.
     */
    private static void replaceHbaRules(PostgreSQLContainer<?> container) throws IOException, InterruptedException {
        String hbaFile = query(container, "postgres", "SHOW hba_file");
        container.copyFileToContainer(Transferable.of(
                ClusterSetup.hbaConf(ClusterSetup.ANY_ADDRESS).getBytes(StandardCharsets.UTF_8), 0644), hbaFile);
        psql(container, "postgres", List.of("SELECT pg_reload_conf()"));
        String errors = query(container, "postgres",
                "SELECT count(*) FROM pg_hba_file_rules WHERE error IS NOT NULL");
        if (!errors.equals("0")) {
            throw new IllegalStateException("the container rejected the test pg_hba.conf rules ("
                    + errors + " errors)");
        }
    }

    private static void psql(Container<?> container, String db, List<String> statements)
            throws IOException, InterruptedException {
        Container.ExecResult result = exec(container, db, statements, false);
        if (result.getExitCode() != 0) {
            throw new IllegalStateException("psql in the container failed (exit " + result.getExitCode() + "): "
                    + result.getStderr().strip());
        }
    }

    private static boolean tryPsql(Container<?> container, String db, List<String> statements)
            throws IOException, InterruptedException {
        return exec(container, db, statements, false).getExitCode() == 0;
    }

    private static String query(Container<?> container, String db, String sql)
            throws IOException, InterruptedException {
        Container.ExecResult result = exec(container, db, List.of(sql), true);
        if (result.getExitCode() != 0) {
            throw new IllegalStateException("psql in the container failed: " + result.getStderr().strip());
        }
        return result.getStdout().strip();
    }

    private static Container.ExecResult exec(Container<?> container, String db, List<String> statements,
                                             boolean tuplesOnly) throws IOException, InterruptedException {
        // The unix socket inside the container trusts local connections.
        List<String> command = new ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-U", ClusterSetup.SUPERUSER, "-d", db));
        if (tuplesOnly) {
            command.add("-At");
        }
        for (String statement : statements) {
            command.add("-c");
            command.add(statement);
        }
        return container.execInContainer(command.toArray(new String[0]));
    }
}
