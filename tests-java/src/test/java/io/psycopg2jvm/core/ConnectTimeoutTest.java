package io.psycopg2jvm.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.psycopg2jvm.core.error.PgConnectionException;
import io.psycopg2jvm.core.session.PgSession;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * connect_timeout bounds the whole connection attempt, as in libpq, not only the TCP connect
 * nor each read: a peer that accepts the connection and then says nothing, or trickles bytes
 * forever, must not hang the client.
 */
class ConnectTimeoutTest {

    @ParameterizedTest(name = "sslmode={0}")
    @ValueSource(strings = {"disable", "require"}) // silent after the startup packet, or after SSLRequest
    void silentServerTimesOut(String sslmode) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            serve(server, socket -> {
                // keep it open, never answer
            });
            assertTimesOut("host=127.0.0.1 port=" + server.getLocalPort() + " sslmode=" + sslmode);
        }
    }

    @Test
    void tricklingServerTimesOutAsAWhole() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            serve(server, socket -> {
                InputStream in = socket.getInputStream();
                in.readNBytes(8); // the startup packet's length and version
                OutputStream out = socket.getOutputStream();
                // a ParameterStatus that promises 1000 bytes and sends one every 300 ms
                out.write(new byte[] {'S', 0, 0, 3, (byte) 0xe8});
                while (true) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(300);
                }
            });
            assertTimesOut("host=127.0.0.1 port=" + server.getLocalPort() + " sslmode=disable");
        }
    }

    @Test
    void silentUnixSocketServerTimesOut(@TempDir Path dir) throws Exception {
        Path socketFile = dir.resolve(".s.PGSQL.5999");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socketFile));
            List<SocketChannel> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(server.accept());
                    }
                } catch (Exception closed) {
                    // the server channel was closed: the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            assertTrue(Files.exists(socketFile));
            assertTimesOut("host=" + dir + " port=5999");
            for (SocketChannel c : accepted) {
                c.close();
            }
        }
    }

    private interface Conversation {
        void run(Socket socket) throws Exception;
    }

    /** Accepts connections on a daemon thread and runs {@code conversation} on each, sockets left open. */
    private static void serve(ServerSocket server, Conversation conversation) {
        Thread acceptor = new Thread(() -> {
            List<Socket> accepted = new ArrayList<>();
            try {
                while (true) {
                    Socket s = server.accept();
                    accepted.add(s);
                    Thread talker = new Thread(() -> {
                        try {
                            conversation.run(s);
                        } catch (Exception gone) {
                            // the client closed the socket
                        }
                    });
                    talker.setDaemon(true);
                    talker.start();
                }
            } catch (Exception closed) {
                // the server socket was closed: the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void assertTimesOut(String where) {
        String dsn = where + " user=nobody dbname=nothing connect_timeout=2";
        long start = System.nanoTime();
        PgConnectionException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(PgConnectionException.class, () -> PgSession.open(dsn)));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(seconds < 10, "took " + seconds + " s");
        assertTrue(e.getMessage().endsWith("failed: timeout expired\n"), e.getMessage());
    }
}
