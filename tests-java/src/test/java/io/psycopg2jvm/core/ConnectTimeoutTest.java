package io.psycopg2jvm.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.psycopg2jvm.core.error.PgConnectionException;
import io.psycopg2jvm.core.session.PgSession;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * connect_timeout bounds the whole connection attempt, as in libpq, not only the TCP connect:
 * a peer that accepts the connection and then says nothing must not hang the client.
 */
class ConnectTimeoutTest {

    @ParameterizedTest(name = "sslmode={0}")
    @ValueSource(strings = {"disable", "require"}) // silent after the startup packet, or after SSLRequest
    void silentServerTimesOut(String sslmode) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // keep them open, never answer
                    }
                } catch (Exception closed) {
                    // the server socket was closed: the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String dsn = "host=127.0.0.1 port=" + silent.getLocalPort() + " user=nobody dbname=nothing"
                    + " connect_timeout=2 sslmode=" + sslmode;
            long start = System.nanoTime();
            PgConnectionException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(PgConnectionException.class, () -> PgSession.open(dsn)));
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(seconds < 10, "took " + seconds + " s");
            assertTrue(e.getMessage().contains("timeout expired"), e.getMessage());
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
