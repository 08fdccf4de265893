package io.psycopg2jvm.core.protocol.backend;

/** The server has sent all CopyData. */
public record CopyDone() implements BackendMessage {
}
