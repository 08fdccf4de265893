package io.psycopg2jvm.core.conninfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The settings a connection attempt uses, after libpq's precedence: connection string, then the
 * service file, then PG* environment variables, then defaults. Values are libpq's spelling
 * (sslmode {@code "verify-full"}, target_session_attrs {@code "read-write"}) and already checked;
 * options that were not given and have no default are null.
 *
 * @param hosts one entry per server to try, in order; an omitted host is the default host (the
 *     Unix socket directory {@code /var/run/postgresql} if it exists, else {@code localhost});
 *     an entry is empty only when its {@code hostaddr} is given
 * @param hostaddrs numeric addresses, one per host; {@code ""} where none was given
 * @param ports one per host (a single given port applies to every host)
 * @param password the password given explicitly (string, service file or PGPASSWORD), or null
 * @param passfilePasswords per host, the password found in the password file when no password
 *     was given explicitly, else null
 * @param sslsni whether to send the TLS server name (libpq: value starts with "1")
 * @param sslMinProtocolVersion TLS version name as given (any case; default TLSv1.2), "" for no bound
 * @param sslMaxProtocolVersion likewise, "" (the default) for no bound
 * @param connectTimeout seconds per host; 0 means wait indefinitely (libpq turns 1 into 2)
 * @param keepalives whether TCP keepalives are on; the three counts and tcpUserTimeout are 0 for
 *     the system default
 * @param passfile the password file consulted (given, PGPASSFILE or ~/.pgpass)
 * @param warnings what libpq would print on stderr while connecting (an unsafe password file...)
 * @param attemptError for an option libpq reads only once it is connecting to a server
 *     (connect_timeout, keepalives..., tcp_user_timeout) whose value is not an integer: its
 *     message, which libpq gives as the first attempt's failure; else null (the option then
 *     holds its default)
 */
public record ConnSettings(
        List<String> hosts,
        List<String> hostaddrs,
        List<Integer> ports,
        String user,
        String password,
        List<String> passfilePasswords,
        String dbname,
        String sslmode,
        String sslcert,
        String sslkey,
        String sslpassword,
        String sslrootcert,
        String sslcrl,
        String sslcrldir,
        boolean sslsni,
        String sslMinProtocolVersion,
        String sslMaxProtocolVersion,
        String applicationName,
        String fallbackApplicationName,
        int connectTimeout,
        String options,
        String clientEncoding,
        boolean keepalives,
        int keepalivesIdle,
        int keepalivesInterval,
        int keepalivesCount,
        int tcpUserTimeout,
        String targetSessionAttrs,
        String channelBinding,
        String gssencmode,
        String replication,
        String passfile,
        String service,
        List<String> warnings,
        String attemptError) {

    public ConnSettings {
        hosts = List.copyOf(hosts);
        hostaddrs = List.copyOf(hostaddrs);
        ports = List.copyOf(ports);
        passfilePasswords = Collections.unmodifiableList(new ArrayList<>(passfilePasswords));
        warnings = List.copyOf(warnings);
        if (hostaddrs.size() != hosts.size() || ports.size() != hosts.size()
                || passfilePasswords.size() != hosts.size()) {
            throw new IllegalArgumentException("hosts, hostaddrs, ports and passfilePasswords differ in length");
        }
    }

    /** One server to try: where it is and the password to offer it. */
    public record Endpoint(String host, String hostaddr, int port, String password, boolean passwordFromPassfile) {
        /** Where to connect: the numeric address when given, else the host name or socket directory. */
        public String address() {
            return hostaddr.isEmpty() ? host : hostaddr;
        }

        /** Whether libpq would use a Unix-domain socket (a path, or {@code @} for the abstract namespace). */
        public boolean isUnixSocket() {
            return hostaddr.isEmpty() && (host.startsWith("/") || host.startsWith("@"));
        }
    }

    /** The servers to try, in order. */
    public List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>(hosts.size());
        for (int i = 0; i < hosts.size(); i++) {
            endpoints.add(new Endpoint(hosts.get(i), hostaddrs.get(i), ports.get(i), passwordFor(i),
                    password == null && passfilePasswords.get(i) != null));
        }
        return endpoints;
    }

    /** The password for the i-th host: the explicit one, else the password file's, else null. */
    public String passwordFor(int hostIndex) {
        return password != null ? password : passfilePasswords.get(hostIndex);
    }

    /**
     * The application_name to send: application_name (string or PGAPPNAME) when non-empty, else
     * fallback_application_name when non-empty, else null.
     */
    public String effectiveApplicationName() {
        if (applicationName != null && !applicationName.isEmpty()) {
            return applicationName;
        }
        return fallbackApplicationName != null && !fallbackApplicationName.isEmpty() ? fallbackApplicationName : null;
    }

    /** The settings with the password hidden: safe to log. */
    @Override
    public String toString() {
        return "ConnSettings[hosts=" + hosts + ", hostaddrs=" + hostaddrs + ", ports=" + ports + ", user=" + user
                + ", password=" + (password == null ? null : ConnInfo.HIDDEN_PASSWORD) + ", dbname=" + dbname
                + ", sslmode=" + sslmode + ", applicationName=" + effectiveApplicationName() + ", connectTimeout="
                + connectTimeout + ", options=" + options + ", clientEncoding=" + clientEncoding
                + ", targetSessionAttrs=" + targetSessionAttrs + ", service=" + service + "]";
    }
}
