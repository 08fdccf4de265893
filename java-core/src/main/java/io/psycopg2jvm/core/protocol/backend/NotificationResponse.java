package io.psycopg2jvm.core.protocol.backend;

/** A NOTIFY delivered to this session. */
public record NotificationResponse(int processId, String channel, String payload) implements BackendMessage {
}
