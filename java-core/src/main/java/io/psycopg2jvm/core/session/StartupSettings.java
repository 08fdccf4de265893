package io.psycopg2jvm.core.session;

import io.psycopg2jvm.core.auth.ChannelBinding;
import io.psycopg2jvm.core.conninfo.ConnSettings;
import io.psycopg2jvm.core.net.SslMode;
import io.psycopg2jvm.core.net.TlsConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a session needs to start: where to connect, how to secure the socket, who to be and the
 * StartupMessage parameters (user, database, application_name, options, client_encoding...).
 */
public record StartupSettings(List<Endpoint> endpoints, TlsConfig tls, ChannelBinding channelBinding,
        String user, Map<String, String> startupParameters, String attemptError) {

    /** Settings from a resolved libpq connection string. */
    public static StartupSettings from(ConnSettings conn) {
        int timeoutMillis = conn.connectTimeout() * 1000;
        List<Endpoint> endpoints = new ArrayList<>();
        for (ConnSettings.Endpoint e : conn.endpoints()) {
            endpoints.add(new Endpoint(e.host(), e.address(), e.port(), timeoutMillis, e.password()));
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", conn.user());
        params.put("database", conn.dbname());
        putIfSet(params, "application_name", conn.effectiveApplicationName());
        putIfSet(params, "options", conn.options());
        if (conn.clientEncoding() != null && !conn.clientEncoding().equalsIgnoreCase("auto")) {
            putIfSet(params, "client_encoding", conn.clientEncoding());
        }
        putIfSet(params, "replication", conn.replication());
        Path rootCert = conn.sslrootcert() == null || conn.sslrootcert().isEmpty()
                ? Path.of(System.getProperty("user.home"), ".postgresql", "root.crt")
                : Path.of(conn.sslrootcert());
        TlsConfig tls = new TlsConfig(SslMode.parse(conn.sslmode()), rootCert);
        return new StartupSettings(endpoints, tls, ChannelBinding.parse(conn.channelBinding()), conn.user(),
                params, conn.attemptError());
    }

    private static void putIfSet(Map<String, String> params, String name, String value) {
        if (value != null && !value.isEmpty()) {
            params.put(name, value);
        }
    }
}
