package io.psycopg2jvm.core.session;

import io.psycopg2jvm.core.net.TlsConfig;
import java.util.List;
import java.util.Map;

/**
 * What a session needs to start: where to connect, how to secure the socket, who to be and the
 * StartupMessage parameters (user, database, application_name, options, client_encoding...).
 */
public record StartupSettings(List<Endpoint> endpoints, TlsConfig tls, String user, String password,
        Map<String, String> startupParameters) {
}
