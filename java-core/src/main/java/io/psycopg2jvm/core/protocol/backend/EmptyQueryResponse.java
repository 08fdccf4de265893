package io.psycopg2jvm.core.protocol.backend;

/** The query string held no statement. */
public record EmptyQueryResponse() implements BackendMessage {
}
