package io.psycopg2jvm.core.protocol.backend;

import java.util.Map;

/** A notice or warning, each field keyed by its one-letter code. */
public record NoticeResponse(Map<Character, String> fields) implements BackendMessage {
}
