package io.psycopg2jvm.core.protocol.backend;

/** The key the CancelRequest must present. */
public record BackendKeyData(int processId, int secretKey) implements BackendMessage {
}
