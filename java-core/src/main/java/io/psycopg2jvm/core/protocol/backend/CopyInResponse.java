package io.psycopg2jvm.core.protocol.backend;

/** The server waits for CopyData (COPY FROM STDIN). */
public record CopyInResponse(boolean binary, int columns) implements BackendMessage {
}
