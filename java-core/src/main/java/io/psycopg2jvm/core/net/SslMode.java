package io.psycopg2jvm.core.net;

import java.util.Locale;

/** libpq's sslmode values. */
public enum SslMode {
    DISABLE, ALLOW, PREFER, REQUIRE, VERIFY_CA, VERIFY_FULL;

    public static SslMode parse(String value) {
        if (value == null || value.isEmpty()) {
            return PREFER;
        }
        for (SslMode m : values()) {
            if (m.keyword().equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("invalid sslmode value: \"" + value + "\"");
    }

    public String keyword() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether TLS is tried before plain text. */
    public boolean tlsFirst() {
        return this != DISABLE && this != ALLOW;
    }

    /** Whether a connection without TLS is acceptable. */
    public boolean plainAllowed() {
        return this == DISABLE || this == ALLOW || this == PREFER;
    }

    public boolean verifiesCertificate() {
        return this == VERIFY_CA || this == VERIFY_FULL;
    }
}
