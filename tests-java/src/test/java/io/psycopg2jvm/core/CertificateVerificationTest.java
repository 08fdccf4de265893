package io.psycopg2jvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.psycopg2jvm.core.error.PgConnectionException;
import io.psycopg2jvm.core.session.PgSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sslmode=verify-ca and verify-full against the fixture's server, whose certificate names
 * localhost, 127.0.0.1 and ::1 and is signed by the fixture's root certificate; failures worded
 * as libpq 15 words them. A root certificate file that exists is used in every TLS mode.
 */
class CertificateVerificationTest {
    private Path rootCert;

    @BeforeEach
    void needsTheFixturesCertificate() {
        assumeTrue(ServerDsn.db().sslEnabled(), "the test server has no TLS");
        assumeTrue(ServerDsn.db().sslRootCert().isPresent(), "the test server's CA is not known");
        rootCert = ServerDsn.db().sslRootCert().get();
    }

    @Test
    void verifyCaAcceptsTheServerSignedByTheRoot() {
        try (PgSession s = PgSession.open(dsn("verify-ca", rootCert, "127.0.0.1", null))) {
            assertTrue(s.isTls());
        }
    }

    @Test
    void verifyFullAcceptsANameOrAnAddressTheCertificateHolds() {
        for (String host : new String[] {"127.0.0.1", "localhost"}) {
            try (PgSession s = PgSession.open(dsn("verify-full", rootCert, host, null))) {
                assertTrue(s.isTls());
            }
        }
    }

    @Test
    void verifyFullRefusesAHostTheCertificateDoesNotName() {
        assertFails(dsn("verify-full", rootCert, "wrong.example", "127.0.0.1"),
                "connection to server at \"127.0.0.1\", port " + ServerDsn.db().port() + " failed: server certificate for"
                        + " \"localhost\" (and 2 other names) does not match host name \"wrong.example\"\n");
    }

    @Test
    void verifyCaDoesNotCheckTheName() {
        try (PgSession s = PgSession.open(dsn("verify-ca", rootCert, "wrong.example", "127.0.0.1"))) {
            assertTrue(s.isTls());
        }
    }

    @Test
    void verifyCaRefusesAnUnrelatedRoot(@TempDir Path dir) throws IOException {
        Path other = otherRoot(dir);
        assertFails(dsn("verify-ca", other, "127.0.0.1", null), prefix() + "SSL error: certificate verify failed\n");
    }

    @Test
    void verifyCaNeedsTheRootFile() {
        assertFails(dsn("verify-ca", Path.of("/nonexistent/root.crt"), "127.0.0.1", null),
                prefix() + "root certificate file \"/nonexistent/root.crt\" does not exist\n"
                        + "Either provide the file or change sslmode to disable server certificate verification.\n");
    }

    @Test
    void requireChecksTheChainWhenTheRootFileExists(@TempDir Path dir) throws IOException {
        assertFails(dsn("require", otherRoot(dir), "127.0.0.1", null), prefix() + "SSL error: certificate verify failed\n");
    }

    @Test
    void preferFallsBackToPlainWhenTheChainCheckFails(@TempDir Path dir) throws IOException {
        try (PgSession s = PgSession.open(dsn("prefer", otherRoot(dir), "127.0.0.1", null))) {
            assertFalse(s.isTls());
        }
    }

    @Test
    void requireWithoutARootFileDoesNotVerify() {
        try (PgSession s = PgSession.open(dsn("require", Path.of("/nonexistent/root.crt"), "127.0.0.1", null))) {
            assertTrue(s.isTls());
        }
    }

    /** A root certificate file holding a CA that did not sign the server's certificate. */
    private static Path otherRoot(Path dir) throws IOException {
        Path key = dir.resolve("other.key");
        Path cert = dir.resolve("other.crt");
        try {
            Process p = new ProcessBuilder("openssl", "req", "-new", "-x509", "-days", "2", "-nodes",
                    "-newkey", "rsa:2048", "-keyout", key.toString(), "-out", cert.toString(), "-subj", "/CN=other-ca")
                    .redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            assumeTrue(p.waitFor() == 0 && Files.exists(cert), "openssl could not make a certificate");
        } catch (IOException | InterruptedException e) {
            assumeTrue(false, "openssl is not available: " + e);
        }
        return cert;
    }

    private static String prefix() {
        return "connection to server at \"127.0.0.1\", port " + ServerDsn.db().port() + " failed: ";
    }

    private static void assertFails(String dsn, String message) {
        PgConnectionException e = assertThrows(PgConnectionException.class, () -> PgSession.open(dsn).close());
        assertEquals(message, e.getMessage());
    }

    private static String dsn(String sslmode, Path root, String host, String hostaddr) {
        return ServerDsn.with(ServerDsn.superuser(), "sslmode", sslmode, "sslrootcert", root.toString(),
                "host", host, "hostaddr", hostaddr);
    }
}
