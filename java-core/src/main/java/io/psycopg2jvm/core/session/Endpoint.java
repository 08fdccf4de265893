package io.psycopg2jvm.core.session;

import io.psycopg2jvm.core.net.AddressText;
import io.psycopg2jvm.core.net.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One server to try: a TCP host (connecting to {@code address}, which is the host name unless a
 * hostaddr was given) or a Unix-domain socket directory, its port, and the password to offer.
 * {@code resolved} is set on the endpoints {@link #addresses} makes: one address of the host name.
 */
public record Endpoint(String host, String address, int port, int connectTimeoutMillis, String password,
        InetAddress resolved) {

    public Endpoint(String host, String address, int port, int connectTimeoutMillis, String password) {
        this(host, address, port, connectTimeoutMillis, password, null);
    }

    public Endpoint(String host, int port) {
        this(host, host, port, 0, null);
    }

    /**
     * The endpoints to try for this one, as libpq tries them: one per address a host name resolves
     * to, in the resolver's order; else (a socket directory, a hostaddr, a name that does not
     * resolve, whose attempt then says so) this one alone.
     */
    public List<Endpoint> addresses() {
        if (isUnixSocket() || !address.equals(host) || resolved != null) {
            return List.of(this);
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return List.of(this);
        }
        List<Endpoint> each = new ArrayList<>(all.length);
        for (InetAddress a : all) {
            each.add(new Endpoint(host, address, port, connectTimeoutMillis, password, a));
        }
        return each;
    }

    /** Whether a hostaddr was given: the address to connect to is not the host name. */
    public boolean hasHostaddr() {
        return !isUnixSocket() && !address.equals(host);
    }

    /**
     * Whether {@code text} is an IP address written out (what libpq's numeric-only lookup of a
     * hostaddr takes): digits and dots for IPv4, hexadecimal digits and colons (and a dotted
     * tail or a %zone) for IPv6. Never a name to look up.
     */
    static boolean isNumericAddress(String text) {
        if (text.isEmpty()) {
            return false;
        }
        if (text.indexOf(':') >= 0) {
            return text.matches("[0-9A-Fa-f:.]+(%[^%\\s]+)?");
        }
        if (!text.matches("[0-9]+(\\.[0-9]+){0,3}")) {
            return false;
        }
        // inet_aton's forms: a.b.c.d, a.b.c (c: 16 bits), a.b (b: 24 bits), a (32 bits)
        String[] parts = text.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            int bits = i < parts.length - 1 ? 8 : 8 * (4 - i);
            if (parts[i].length() > 10 || Long.parseLong(parts[i]) >= (1L << bits)) {
                return false;
            }
        }
        return true;
    }

    public boolean isUnixSocket() {
        return address.startsWith("/") || address.startsWith("@");
    }

    public Path socketFile() {
        return Path.of(address, ".s.PGSQL." + port);
    }

    Transport open(int timeoutOverride) throws IOException {
        int timeout = timeoutOverride > 0 ? timeoutOverride : connectTimeoutMillis;
        if (isUnixSocket()) {
            return Transport.unix(socketFile());
        }
        return Transport.tcp(resolved != null ? resolved.getHostAddress() : address, port, timeout);
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
            ip = AddressText.of(resolved != null ? resolved : InetAddress.getByName(address));
        } catch (IOException e) {
            // unresolvable: libpq names the host alone
        }
        if (ip == null || ip.equals(host)) {
            return "connection to server at \"" + host + "\", port " + port + " failed: ";
        }
        return "connection to server at \"" + host + "\" (" + ip + "), port " + port + " failed: ";
    }
}
