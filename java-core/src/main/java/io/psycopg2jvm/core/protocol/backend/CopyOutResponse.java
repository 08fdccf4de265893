package io.psycopg2jvm.core.protocol.backend;

/** CopyData follows (COPY TO STDOUT). */
public record CopyOutResponse(boolean binary, int columns) implements BackendMessage {
}
