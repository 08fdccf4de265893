package io.psycopg2jvm.core;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.psycopg2jvm.core.session.PgSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * fileno() gives Python's select() the socket's real descriptor. It needs
 * {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}, which the surefire argLine passes.
 */
class FilenoTest {

    private static void assertIsSocket(int fd) throws Exception {
        assertTrue(fd >= 0, "fileno() = " + fd);
        Path link = Path.of("/proc/self/fd/" + fd);
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "no /proc to check the descriptor against");
        String target = Files.readSymbolicLink(link).toString();
        assertTrue(target.startsWith("socket:"), "fd " + fd + " is " + target);
    }

    @Test
    void filenoIsTheSocketsDescriptor() throws Exception {
        try (PgSession s = PgSession.open(ServerDsn.with(ServerDsn.superuser(), "sslmode", "disable"))) {
            assertIsSocket(s.fileno());
        }
    }

    @Test
    void filenoStaysTheSameOverTls() throws Exception {
        assumeTrue(ServerDsn.db().sslEnabled(), "the test server has no TLS");
        try (PgSession s = PgSession.open(ServerDsn.with(ServerDsn.superuser(), "sslmode", "require"))) {
            assertTrue(s.isTls());
            assertIsSocket(s.fileno());
        }
    }

    @Test
    void twoSessionsHaveTwoDescriptors() {
        try (PgSession a = ServerDsn.open(); PgSession b = ServerDsn.open()) {
            assertTrue(a.fileno() >= 0 && b.fileno() >= 0);
            assertTrue(a.fileno() != b.fileno());
        }
    }
}
