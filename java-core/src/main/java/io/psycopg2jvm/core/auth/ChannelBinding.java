package io.psycopg2jvm.core.auth;

import java.util.Locale;

/**
 * libpq's channel_binding setting: whether SCRAM binds the exchange to the TLS channel. Under
 * {@code require} the client refuses any authentication that did not prove the server holds the
 * certificate, so a man in the middle cannot get the password or a session.
 */
public enum ChannelBinding {
    DISABLE, PREFER, REQUIRE;

    /** The setting for a connection option value (already checked by the conninfo resolver). */
    public static ChannelBinding parse(String value) {
        if (value == null || value.isEmpty()) {
            return PREFER;
        }
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
