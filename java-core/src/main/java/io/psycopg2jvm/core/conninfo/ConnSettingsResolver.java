package io.psycopg2jvm.core.conninfo;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a {@link ConnInfo} into {@link ConnSettings} the way libpq fills in a connection: a value
 * from the string wins, even when empty; then the service file; then the PG* variable; then the
 * built-in default. Values are then checked with libpq's messages.
 */
final class ConnSettingsResolver {
    private static final List<String> SSLMODES =
            List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private static final List<String> CHANNEL_BINDINGS = List.of("disable", "prefer", "require");
    private static final List<String> GSSENCMODES = List.of("disable", "prefer", "require");
    private static final List<String> TARGET_SESSION_ATTRS =
            List.of("any", "read-write", "read-only", "primary", "standby", "prefer-standby");
    private static final List<String> TLS_VERSIONS = List.of("tlsv1", "tlsv1.1", "tlsv1.2", "tlsv1.3");

    private final Map<String, String> environment;
    private final LocalDefaults local;

    ConnSettingsResolver(Map<String, String> environment, LocalDefaults local) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.local = local;
    }

    ConnSettings resolve(ConnInfo info) {
        Map<String, String> values = new HashMap<>(info.parameters());
        addServiceSettings(values);
        addEnvironment(values);

        String user = nonEmptyOr(values.get("user"), local.osUser());
        String dbname = nonEmptyOr(values.get("dbname"), user);
        String passfile = nonEmptyOr(values.get("passfile"), local.home().resolve(".pgpass").toString());

        List<String> hostItems = items(values.get("host"));
        List<String> hostaddrItems = items(values.get("hostaddr"));
        int count = hostCount(hostItems, hostaddrItems);
        List<String> hosts = new ArrayList<>(count);
        List<String> hostaddrs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String host = hostItems.isEmpty() ? "" : hostItems.get(i);
            String hostaddr = hostaddrItems.isEmpty() ? "" : hostaddrItems.get(i);
            hosts.add(host.isEmpty() && hostaddr.isEmpty() ? local.defaultHost() : host);
            hostaddrs.add(hostaddr);
        }
        List<String> portItems = portItems(values.get("port"), count);
        List<Integer> ports = new ArrayList<>(count);
        for (String item : portItems) {
            ports.add(port(item));
        }

        String channelBinding = oneOf(values, "channel_binding", CHANNEL_BINDINGS);
        String sslmode = oneOf(values, "sslmode", SSLMODES);
        String sslMin = tlsVersion(values, "ssl_min_protocol_version");
        String sslMax = tlsVersion(values, "ssl_max_protocol_version");
        if (!sslMin.isEmpty() && !sslMax.isEmpty()
                && TLS_VERSIONS.indexOf(sslMin.toLowerCase(Locale.ROOT))
                        > TLS_VERSIONS.indexOf(sslMax.toLowerCase(Locale.ROOT))) {
            throw new InvalidConnSettingsException("invalid SSL protocol version range");
        }
        String gssencmode = oneOf(values, "gssencmode", GSSENCMODES);
        String targetSessionAttrs = oneOf(values, "target_session_attrs", TARGET_SESSION_ATTRS);

        // libpq reads these only as it connects: a bad one fails the first attempt, not the parse
        List<String> attemptErrors = new ArrayList<>();
        int connectTimeout = attemptInt(values, "connect_timeout", 0, attemptErrors);
        if (connectTimeout < 0) {
            connectTimeout = 0;
        } else if (connectTimeout == 1) {
            connectTimeout = 2; // libpq's minimum
        }
        boolean keepalives = attemptInt(values, "keepalives", 1, attemptErrors) != 0;
        int keepalivesIdle = attemptInt(values, "keepalives_idle", 0, attemptErrors);
        int keepalivesInterval = attemptInt(values, "keepalives_interval", 0, attemptErrors);
        int keepalivesCount = attemptInt(values, "keepalives_count", 0, attemptErrors);
        int tcpUserTimeout = attemptInt(values, "tcp_user_timeout", 0, attemptErrors);

        String password = values.get("password");
        List<String> warnings = new ArrayList<>();
        List<String> passfilePasswords = new ArrayList<>(count);
        PassFile passFile = password == null ? PassFile.load(Path.of(passfile), warnings::add) : null;
        for (int i = 0; i < count; i++) {
            if (passFile == null) {
                passfilePasswords.add(null);
                continue;
            }
            String host = hostItems.isEmpty() || hostItems.get(i).isEmpty() ? hostaddrs.get(i) : hostItems.get(i);
            String port = portItems.get(i).isEmpty() ? String.valueOf(LocalDefaults.DEFAULT_PORT) : portItems.get(i);
            passfilePasswords.add(passFile.find(host, port, dbname, user));
        }

        return new ConnSettings(hosts, hostaddrs, ports, user, password, passfilePasswords, dbname, sslmode,
                values.get("sslcert"), values.get("sslkey"), values.get("sslpassword"), values.get("sslrootcert"),
                values.get("sslcrl"), values.get("sslcrldir"), values.get("sslsni").startsWith("1"), sslMin, sslMax,
                values.get("application_name"), values.get("fallback_application_name"), connectTimeout,
                values.get("options"), clientEncoding(values.get("client_encoding")), keepalives, keepalivesIdle,
                keepalivesInterval, keepalivesCount, tcpUserTimeout, targetSessionAttrs, channelBinding,
                gssencmode, values.get("replication"), passfile, values.get("service"), warnings,
                attemptErrors.isEmpty() ? null : attemptErrors.get(0));
    }

    /** client_encoding, with "auto" replaced by the locale's encoding as libpq does. */
    private String clientEncoding(String value) {
        return value != null && value.equalsIgnoreCase("auto") ? local.localeEncoding() : value;
    }

    /** Service settings fill what the string left unset. */
    private void addServiceSettings(Map<String, String> values) {
        String service = values.containsKey("service") ? values.get("service") : environment.get("PGSERVICE");
        if (service == null || service.isEmpty()) {
            return;
        }
        values.putIfAbsent("service", service);
        String userFile = environment.get("PGSERVICEFILE");
        String sysconfdir = environment.get("PGSYSCONFDIR");
        Map<String, String> settings = ServiceFile.lookup(service,
                userFile != null ? Path.of(userFile) : local.home().resolve(".pg_service.conf"),
                (sysconfdir != null ? Path.of(sysconfdir) : local.sysconfdir()).resolve("pg_service.conf"));
        settings.forEach(values::putIfAbsent);
    }

    /** PG* variables, then built-in defaults, for what is still unset; an empty variable counts as set. */
    private void addEnvironment(Map<String, String> values) {
        for (ConnOption option : ConnOption.values()) {
            String keyword = option.keyword();
            if (!values.containsKey(keyword) && option.environmentVariable() != null) {
                String value = environment.get(option.environmentVariable());
                if (value != null) {
                    values.put(keyword, value);
                }
            }
            if (keyword.equals("sslmode") && !values.containsKey(keyword)) {
                // The obsolete PGREQUIRESSL counts only when PGSSLMODE is not set.
                String requireSsl = environment.get("PGREQUIRESSL");
                if (requireSsl != null) {
                    values.put(keyword, requireSsl.startsWith("1") ? "require" : "prefer");
                }
            }
            if (!values.containsKey(keyword) && option.builtInDefault() != null) {
                values.put(keyword, option.builtInDefault());
            }
        }
    }

    /** Items of a comma list; none for an unset or empty value. */
    private static List<String> items(String list) {
        return list == null || list.isEmpty() ? List.of() : Arrays.asList(list.split(",", -1));
    }

    private static int hostCount(List<String> hosts, List<String> hostaddrs) {
        if (!hosts.isEmpty() && !hostaddrs.isEmpty() && hosts.size() != hostaddrs.size()) {
            throw new InvalidConnSettingsException("could not match " + hosts.size() + " host names to "
                    + hostaddrs.size() + " hostaddr values");
        }
        return Math.max(1, Math.max(hosts.size(), hostaddrs.size()));
    }

    /** One port text per host: a single port serves every host; an empty item is the default. */
    private static List<String> portItems(String list, int hostCount) {
        List<String> items = list == null ? List.of("") : Arrays.asList(list.split(",", -1));
        if (items.size() == 1) {
            return Collections.nCopies(hostCount, items.get(0));
        }
        if (items.size() != hostCount) {
            throw new InvalidConnSettingsException(
                    "could not match " + items.size() + " port numbers to " + hostCount + " hosts");
        }
        return items;
    }

    private static int port(String item) {
        if (item.isEmpty()) {
            return LocalDefaults.DEFAULT_PORT;
        }
        int port = parseInt(item, "port");
        if (port < 1 || port > 65535) {
            throw new InvalidConnSettingsException("invalid port number: \"" + item + "\"");
        }
        return port;
    }

    private static String oneOf(Map<String, String> values, String keyword, List<String> allowed) {
        String value = values.get(keyword);
        if (!allowed.contains(value)) {
            throw new InvalidConnSettingsException("invalid " + keyword + " value: \"" + value + "\"");
        }
        return value;
    }

    /** A TLS version name (any case) or empty for no bound. */
    private static String tlsVersion(Map<String, String> values, String keyword) {
        String value = values.getOrDefault(keyword, "");
        if (!value.isEmpty() && !TLS_VERSIONS.contains(value.toLowerCase(Locale.ROOT))) {
            throw new InvalidConnSettingsException("invalid " + keyword + " value: \"" + value + "\"");
        }
        return value;
    }

    /** An integer option read as libpq reads it when connecting: its default, the error noted, when invalid. */
    private static int attemptInt(Map<String, String> values, String keyword, int absent, List<String> errors) {
        String value = values.get(keyword);
        try {
            return value == null ? absent : parseInt(value, keyword);
        } catch (InvalidConnSettingsException e) {
            errors.add(e.getMessage());
            return absent;
        }
    }

    /**
     * An integer as libpq reads one: optional surrounding whitespace and sign, decimal digits,
     * and nothing else; it must fit in a C int.
     */
    static int parseInt(String value, String keyword) {
        int i = 0;
        int end = value.length();
        while (i < end && KeywordValueParser.isSpace(value.charAt(i))) {
            i++;
        }
        while (end > i && KeywordValueParser.isSpace(value.charAt(end - 1))) {
            end--;
        }
        String number = value.substring(i, end);
        int sign = number.startsWith("+") || number.startsWith("-") ? 1 : 0;
        boolean valid = number.length() > sign;
        for (int k = sign; valid && k < number.length(); k++) {
            valid = number.charAt(k) >= '0' && number.charAt(k) <= '9';
        }
        if (valid) {
            BigInteger parsed = new BigInteger(number);
            if (parsed.bitLength() < Integer.SIZE) {
                return parsed.intValue();
            }
        }
        throw new InvalidConnSettingsException(
                "invalid integer value \"" + value + "\" for connection option \"" + keyword + "\"");
    }

    private static String nonEmptyOr(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
