package io.psycopg2jvm.core.protocol.backend;

/** A run-time parameter's current value (server_version, client_encoding, TimeZone...). */
public record ParameterStatus(String name, String value) implements BackendMessage {
}
