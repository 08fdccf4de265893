package io.psycopg2jvm.core.protocol.backend;

/** End of one statement: its command tag, e.g. "INSERT 0 1". */
public record CommandComplete(String tag) implements BackendMessage {
}
