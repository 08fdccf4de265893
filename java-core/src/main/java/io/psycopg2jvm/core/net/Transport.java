package io.psycopg2jvm.core.net;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import javax.net.ssl.SSLSocket;

/**
 * The byte stream to the server: a blocking {@link SocketChannel} (TCP or Unix-domain), optionally
 * wrapped in TLS. Built on a channel rather than a plain Socket so that {@link #fileno()} can give
 * Python a real OS descriptor for select().
 */
public final class Transport implements Closeable {
    private final SocketChannel channel;
    /** The socket's own bytes, encrypted ones under TLS. */
    private final InputStream raw;
    private SSLSocket tls;
    private InputStream in;
    private OutputStream out;

    private Transport(SocketChannel channel, InputStream in, OutputStream out) {
        this.channel = channel;
        this.raw = in;
        this.in = in;
        this.out = out;
    }

    /**
     * Whether the server has sent bytes not read yet, so that reading does not wait on it (beyond
     * the rest of a message or TLS record already on its way). Unix-domain sockets tell only from
     * JDK 22 on; before, this says no.
     */
    public boolean hasInput() throws IOException {
        return in.available() > 0 || (tls != null && raw.available() > 0);
    }

    public static Transport tcp(String host, int port, int timeoutMillis) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            Socket socket = channel.socket();
            socket.connect(new InetSocketAddress(host, port), Math.max(timeoutMillis, 0));
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            return new Transport(channel, socket.getInputStream(), new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public static Transport unix(Path socketFile) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socketFile));
            return new Transport(channel, Channels.newInputStream(channel),
                    new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Switches to TLS after the server accepted an SSLRequest. */
    public void startTls(TlsConfig config, String host, int port) throws IOException {
        tls = config.wrap(channel.socket(), host, port);
        in = tls.getInputStream();
        out = new BufferedOutputStream(tls.getOutputStream(), 1 << 16);
    }

    public boolean isTls() {
        return tls != null;
    }

    /** The TLS socket, for channel binding; null without TLS. */
    public SSLSocket tlsSocket() {
        return tls;
    }

    public InputStream in() {
        return in;
    }

    public OutputStream out() {
        return out;
    }

    /** The OS file descriptor of the socket, or -1 when the JDK does not let us see it. */
    public int fileno() {
        try {
            Method m = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
            m.setAccessible(true);
            return (int) m.invoke(channel);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        try {
            if (tls != null) {
                tls.close();
            }
        } catch (IOException ignored) {
            // closing the channel below is what matters
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
