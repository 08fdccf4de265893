package io.psycopg2jvm.core.protocol.backend;

import java.util.Map;

/** An error, each field keyed by its one-letter code. */
public record ErrorResponse(Map<Character, String> fields) implements BackendMessage {
}
