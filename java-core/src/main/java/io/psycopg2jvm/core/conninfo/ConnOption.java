package io.psycopg2jvm.core.conninfo;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The connection keywords libpq 15 accepts, in libpq's own order. The order is observable:
 * psycopg2's {@code parse_dsn} returns its dict in it, and {@code make_dsn} and
 * {@code connection.dsn} rebuild strings in it.
 */
public enum ConnOption {
    SERVICE("PGSERVICE", null),
    USER("PGUSER", null),
    PASSWORD("PGPASSWORD", null),
    PASSFILE("PGPASSFILE", null),
    CHANNEL_BINDING("PGCHANNELBINDING", "prefer"),
    CONNECT_TIMEOUT("PGCONNECT_TIMEOUT", null),
    DBNAME("PGDATABASE", null),
    HOST("PGHOST", null),
    HOSTADDR("PGHOSTADDR", null),
    PORT("PGPORT", "5432"),
    CLIENT_ENCODING("PGCLIENTENCODING", null),
    OPTIONS("PGOPTIONS", ""),
    APPLICATION_NAME("PGAPPNAME", null),
    FALLBACK_APPLICATION_NAME(null, null),
    KEEPALIVES(null, null),
    KEEPALIVES_IDLE(null, null),
    KEEPALIVES_INTERVAL(null, null),
    KEEPALIVES_COUNT(null, null),
    TCP_USER_TIMEOUT(null, null),
    SSLMODE("PGSSLMODE", "prefer"),
    SSLCOMPRESSION("PGSSLCOMPRESSION", "0"),
    SSLCERT("PGSSLCERT", null),
    SSLKEY("PGSSLKEY", null),
    SSLPASSWORD(null, null),
    SSLROOTCERT("PGSSLROOTCERT", null),
    SSLCRL("PGSSLCRL", null),
    SSLCRLDIR("PGSSLCRLDIR", null),
    SSLSNI("PGSSLSNI", "1"),
    REQUIREPEER("PGREQUIREPEER", null),
    SSL_MIN_PROTOCOL_VERSION("PGSSLMINPROTOCOLVERSION", "TLSv1.2"),
    SSL_MAX_PROTOCOL_VERSION("PGSSLMAXPROTOCOLVERSION", null),
    GSSENCMODE("PGGSSENCMODE", "prefer"),
    KRBSRVNAME("PGKRBSRVNAME", "postgres"),
    GSSLIB("PGGSSLIB", null),
    REPLICATION(null, null),
    TARGET_SESSION_ATTRS("PGTARGETSESSIONATTRS", "any");

    private static final Map<String, ConnOption> BY_KEYWORD = new HashMap<>();

    static {
        for (ConnOption option : values()) {
            BY_KEYWORD.put(option.keyword, option);
        }
    }

    private final String keyword;
    private final String environmentVariable;
    private final String builtInDefault;

    ConnOption(String environmentVariable, String builtInDefault) {
        this.keyword = name().toLowerCase(Locale.ROOT);
        this.environmentVariable = environmentVariable;
        this.builtInDefault = builtInDefault;
    }

    /** The keyword as written in connection strings, e.g. {@code "target_session_attrs"}. */
    public String keyword() {
        return keyword;
    }

    /** The PG* variable that supplies a value when the connection string has none, or null. */
    public String environmentVariable() {
        return environmentVariable;
    }

    /** libpq's compiled-in default, or null when the value is computed (host, user...) or absent. */
    public String builtInDefault() {
        return builtInDefault;
    }

    /** The option with this exact (case-sensitive) keyword, or null. */
    public static ConnOption byKeyword(String keyword) {
        return BY_KEYWORD.get(keyword);
    }
}
