package io.psycopg2jvm.launcher;

import io.psycopg2jvm.server.LocalPostgres;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The throwaway PostgreSQL of {@code pgpython --with-postgres}: started in the background while
 * GraalPy initialises (both take seconds), described to the script through the libpq variables
 * PGHOST, PGPORT, PGUSER and PGDATABASE, and removed when the script is over.
 *
 * <p>The variables reach two audiences: Python ({@code os.environ} and child processes, set by
 * the launcher's bootstrap) and java-core, whose connection defaults read {@code System.getenv()}
 * overlaid with the system properties {@code psycopg2jvm.env.NAME}
 * ({@code io.psycopg2jvm.core.conninfo.Environment}), since a JVM cannot change its own
 * environment.
 */
final class ScriptPostgres implements AutoCloseable {
    /** Prefix of the system properties java-core reads as environment variables. */
    static final String ENV_PROPERTY_PREFIX = "psycopg2jvm.env.";

    private final CompletableFuture<LocalPostgres> server;

    private ScriptPostgres(CompletableFuture<LocalPostgres> server) {
        this.server = server;
    }

    /** Starts a server in the background. */
    static ScriptPostgres start() {
        LocalPostgres postgres = LocalPostgres.builder().database(LocalPostgres.DEFAULT_DATABASE).build();
        CompletableFuture<LocalPostgres> future = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                future.complete(postgres.start());
            } catch (Throwable t) {
                postgres.close();
                future.completeExceptionally(t);
            }
        }, "pgpython-start-postgres");
        starter.setDaemon(true);
        starter.start();
        return new ScriptPostgres(future);
    }

    /**
     * Waits until the server accepts connections, publishes its coordinates as
     * {@code psycopg2jvm.env.*} system properties and returns them as environment variables.
     *
     * @throws IllegalStateException if the server could not be started
     */
    Map<String, String> awaitEnvironment() {
        LocalPostgres postgres;
        try {
            postgres = server.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(cause.getMessage(), cause);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", postgres.host());
        env.put("PGPORT", Integer.toString(postgres.port()));
        env.put("PGUSER", postgres.superuser());
        env.put("PGDATABASE", postgres.database());
        env.forEach((name, value) -> System.setProperty(ENV_PROPERTY_PREFIX + name, value));
        return env;
    }

    /** Stops and deletes the server, waiting for a start still in progress. */
    @Override
    public void close() {
        try {
            server.join().close();
        } catch (CompletionException e) {
            // start failed and cleaned up after itself
        }
    }
}
