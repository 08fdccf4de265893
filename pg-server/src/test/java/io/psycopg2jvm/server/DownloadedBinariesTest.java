package io.psycopg2jvm.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The last resort of the test-server fixture on a machine without PostgreSQL: binaries from
 * Maven Central (io.zonky.test.postgres), downloaded, unpacked and run. Needs Maven Central;
 * skipped when it cannot be reached.
 */
class DownloadedBinariesTest {
    private Path cache;

    @AfterEach
    void removeCache() {
        if (cache != null) {
            PostgresBinaries.deleteTree(cache);
        }
    }

    private static boolean mavenCentralReachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("repo1.maven.org", 443), 5000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void downloadedBinariesRunTheTestServer() throws IOException {
        assumeTrue(mavenCentralReachable(), "Maven Central cannot be reached from here");
        cache = Files.createTempDirectory("psycopg2-jvm-binaries-");
        PostgresBinaries binaries = PostgresBinaries.download(PostgresBinaries.DEFAULT_DOWNLOAD_VERSION, cache);
        assertTrue(binaries.binDir().startsWith(cache), binaries.binDir().toString());
        CommandRunner.Result version = CommandRunner.runAsCurrentUser(
                List.of(binaries.postgres().toString(), "--version"), cache, Duration.ofSeconds(30), Map.of());
        assertEquals("postgres (PostgreSQL) 15.18", version.output().strip(), version::describe);
        // a second call finds them unpacked
        assertEquals(binaries.binDir(), PostgresBinaries.download(PostgresBinaries.DEFAULT_DOWNLOAD_VERSION, cache)
                .binDir());

        try (LocalPostgres server = LocalPostgres.builder().binDir(binaries.binDir()).database("downloaded_test")
                .build().start()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(server.host(), server.port()), 5000);
            }
            Path psql = PostgresBinaries.findInstalled().flatMap(PostgresBinaries::psql).orElse(null);
            if (psql != null) {
                CommandRunner.Result result = CommandRunner.runAsCurrentUser(List.of(psql.toString(), "-X", "-A",
                        "-t", "-h", server.host(), "-p", Integer.toString(server.port()), "-U", server.superuser(),
                        "-d", server.database(), "-c",
                        "SELECT current_setting('server_version'), extname FROM pg_extension WHERE extname = 'hstore'"),
                        cache, Duration.ofSeconds(30), Map.of("PGSSLMODE", "disable"));
                assertEquals("15.18|hstore", result.output().strip(), result::describe);
            }
        }
    }
}
