package io.psycopg2jvm.core.session;

import io.psycopg2jvm.core.net.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;

/** One place to connect to: a TCP host and port, or a Unix-domain socket directory and port. */
public record Endpoint(String host, int port, int connectTimeoutMillis) {

    public boolean isUnixSocket() {
        return host.startsWith("/") || host.startsWith("@");
    }

    public Path socketFile() {
        return Path.of(host, ".s.PGSQL." + port);
    }

    Transport open(int timeoutOverride) throws IOException {
        int timeout = timeoutOverride > 0 ? timeoutOverride : connectTimeoutMillis;
        return isUnixSocket() ? Transport.unix(socketFile()) : Transport.tcp(host, port, timeout);
    }

    /** libpq's prefix for errors of this endpoint: connection to server at "h" (ip), port p failed: */
    String failurePrefix() {
        if (isUnixSocket()) {
            return "connection to server on socket \"" + socketFile() + "\" failed: ";
        }
        String address = null;
        try {
            address = InetAddress.getByName(host).getHostAddress();
        } catch (IOException e) {
            // unresolvable: libpq names the host alone
        }
        if (address == null || address.equals(host)) {
            return "connection to server at \"" + host + "\", port " + port + " failed: ";
        }
        return "connection to server at \"" + host + "\" (" + address + "), port " + port + " failed: ";
    }
}
