package io.psycopg2jvm.core.protocol.backend;

/** Idle again; 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block. */
public record ReadyForQuery(char transactionStatus) implements BackendMessage {
}
