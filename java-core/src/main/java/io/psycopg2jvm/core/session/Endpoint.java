package io.psycopg2jvm.core.session;

import io.psycopg2jvm.core.net.AddressText;
import io.psycopg2jvm.core.net.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;

/**
 * One server to try: a TCP host (connecting to {@code address}, which is the host name unless a
 * hostaddr was given) or a Unix-domain socket directory, its port, and the password to offer.
 */
public record Endpoint(String host, String address, int port, int connectTimeoutMillis, String password) {

    public Endpoint(String host, int port) {
        this(host, host, port, 0, null);
    }

    public boolean isUnixSocket() {
        return address.startsWith("/") || address.startsWith("@");
    }

    public Path socketFile() {
        return Path.of(address, ".s.PGSQL." + port);
    }

    Transport open(int timeoutOverride) throws IOException {
        int timeout = timeoutOverride > 0 ? timeoutOverride : connectTimeoutMillis;
        return isUnixSocket() ? Transport.unix(socketFile()) : Transport.tcp(address, port, timeout);
    }

    /**
     * libpq's prefix for errors of this endpoint: connection to server at "h" (ip), port p failed:
     * the address in parentheses only when libpq looked it up from a host name and it reads
     * differently; a given hostaddr is shown alone.
     */
    String failurePrefix() {
        if (isUnixSocket()) {
            return "connection to server on socket \"" + socketFile() + "\" failed: ";
        }
        if (!address.equals(host)) {
            return "connection to server at \"" + address + "\", port " + port + " failed: ";
        }
        String ip = null;
        try {
            ip = AddressText.of(InetAddress.getByName(address));
        } catch (IOException e) {
            // unresolvable: libpq names the host alone
        }
        if (ip == null || ip.equals(host)) {
            return "connection to server at \"" + host + "\", port " + port + " failed: ";
        }
        return "connection to server at \"" + host + "\" (" + ip + "), port " + port + " failed: ";
    }
}
