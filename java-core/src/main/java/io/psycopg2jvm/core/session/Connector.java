package io.psycopg2jvm.core.session;

import io.psycopg2jvm.core.conninfo.InvalidConnSettingsException;
import io.psycopg2jvm.core.error.PgConnectionException;
import io.psycopg2jvm.core.net.SslMode;
import io.psycopg2jvm.core.net.Transport;
import io.psycopg2jvm.core.protocol.MessageReader;
import io.psycopg2jvm.core.protocol.MessageWriter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Opens one endpoint and negotiates TLS as the sslmode asks, retrying plain or TLS as libpq does. */
final class Connector {
    private Connector() {
    }

    static PgSession connect(StartupSettings settings, Endpoint endpoint) {
        SslMode mode = settings.tls().mode();
        boolean tls = mode.tlsFirst() && !endpoint.isUnixSocket();
        try {
            return attempt(settings, endpoint, tls);
        } catch (PgConnectionException first) {
            // prefer falls back to plain when the server refused the first try or TLS failed;
            // allow retries with TLS when the server refused the plain try
            boolean retry = !endpoint.isUnixSocket()
                    && ((first instanceof AuthenticationRefused && ((mode == SslMode.PREFER && tls) || mode == SslMode.ALLOW))
                            || (first instanceof TlsRefused && mode == SslMode.PREFER));
            if (!retry) {
                throw first;
            }
            try {
                return attempt(settings, endpoint, !tls);
            } catch (PgConnectionException second) {
                // libpq reports both tries, the first one first
                throw new PgConnectionException(first.getMessage() + second.getMessage(), second.serverError(),
                        second.getCause());
            }
        }
    }

    private static PgSession attempt(StartupSettings settings, Endpoint endpoint, boolean tls) {
        long started = System.nanoTime();
        if (endpoint.hasHostaddr() && !Endpoint.isNumericAddress(endpoint.address())) {
            // libpq takes a hostaddr as a numeric address only, and says so before any attempt
            throw new PgConnectionException("could not parse network address \"" + endpoint.address()
                    + "\": Name or service not known\n");
        }
        Transport transport;
        try {
            transport = endpoint.open(0);
        } catch (UnknownHostException e) {
            // a name that does not resolve is reported before any attempt: no endpoint prefix
            throw new PgConnectionException("could not translate host name \"" + endpoint.host()
                    + "\" to address: Name or service not known\n", e);
        } catch (IOException e) {
            throw new PgConnectionException(endpoint.failurePrefix() + describe(e, endpoint), e);
        }
        if (settings.attemptError() != null) {
            // libpq reads connect_timeout and the keepalive settings once the socket is connecting
            transport.close();
            throw new InvalidConnSettingsException(endpoint.failurePrefix() + settings.attemptError());
        }
        // connect_timeout bounds the whole attempt, as in libpq: a peer that accepts and then
        // trickles or withholds bytes must not hang us in the TLS or startup exchange
        Deadline deadline = Deadline.start(transport, endpoint.connectTimeoutMillis(), started);
        try {
            if (tls) {
                negotiateTls(settings, endpoint, transport);
            }
            PgSession session = PgSession.start(transport, endpoint, settings);
            if (!deadline.cancel()) {
                throw new SocketTimeoutException("connect_timeout expired as the session started");
            }
            return session;
        } catch (PgConnectionException e) {
            transport.close();
            if (deadline.expired()) {
                throw new PgConnectionException(endpoint.failurePrefix() + "timeout expired\n", e);
            }
            throw e;
        } catch (IOException e) {
            transport.close();
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (e instanceof SocketTimeoutException || deadline.expired()) {
                message = "timeout expired";
            } else if (e instanceof java.io.EOFException) {
                message = "server closed the connection unexpectedly\n"
                        + "\tThis probably means the server terminated abnormally\n"
                        + "\tbefore or while processing the request.";
            }
            throw new PgConnectionException(endpoint.failurePrefix() + message + "\n", e);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        } finally {
            deadline.cancel();
        }
    }

    /** Closes the transport when connect_timeout runs out, which ends any read blocked on it. */
    private static final class Deadline {
        private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "psycopg2jvm-connect-timeout");
            t.setDaemon(true);
            return t;
        });

        private volatile boolean expired;
        private ScheduledFuture<?> closing;

        /** Runs from {@code startedNanos} (before the socket was opened) for {@code timeoutMillis}; 0 = none. */
        static Deadline start(Transport transport, int timeoutMillis, long startedNanos) {
            Deadline d = new Deadline();
            if (timeoutMillis > 0) {
                long left = TimeUnit.MILLISECONDS.toNanos(timeoutMillis) - (System.nanoTime() - startedNanos);
                d.closing = TIMER.schedule(() -> {
                    d.expired = true;
                    transport.close();
                }, Math.max(left, 0), TimeUnit.NANOSECONDS);
            }
            return d;
        }

        /** Stops the timer; false when it had already started closing the transport. */
        boolean cancel() {
            return closing == null || closing.cancel(false);
        }

        boolean expired() {
            return expired;
        }
    }

    private static void negotiateTls(StartupSettings settings, Endpoint endpoint, Transport transport) throws IOException {
        MessageWriter writer = new MessageWriter(transport.out());
        writer.sslRequest();
        writer.flush();
        char answer = new MessageReader(transport.in()).readSslAnswer();
        if (answer == 'S') {
            try {
                transport.startTls(settings.tls(), endpoint.host(), endpoint.port());
            } catch (IOException e) {
                throw new TlsRefused(endpoint.failurePrefix() + e.getMessage() + "\n", e);
            }
        } else if (!settings.tls().mode().plainAllowed()) {
            throw new PgConnectionException(endpoint.failurePrefix() + "server does not support SSL, but SSL was required\n");
        }
    }

    private static String describe(IOException e, Endpoint endpoint) {
        if (endpoint.isUnixSocket() && e instanceof SocketException) {
            // ENOENT (no socket file) or ECONNREFUSED (no server behind it), as libpq words them
            String reason = e instanceof ConnectException || e.getMessage() == null ? "Connection refused" : e.getMessage();
            return reason + "\n\tIs the server running locally and accepting connections on that socket?\n";
        }
        if (e instanceof ConnectException) {
            return "Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n";
        }
        if (e instanceof SocketTimeoutException) {
            return "timeout expired\n";
        }
        if (e instanceof NoRouteToHostException) {
            return "No route to host\n\tIs the server running on that host and accepting TCP/IP connections?\n";
        }
        return (e.getMessage() == null ? e.toString() : e.getMessage()) + "\n";
    }
}
