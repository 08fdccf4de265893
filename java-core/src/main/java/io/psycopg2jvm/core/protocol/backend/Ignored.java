package io.psycopg2jvm.core.protocol.backend;

/** A message this client does not act on (NoData, ParseComplete, NegotiateProtocolVersion...). */
public record Ignored(char type) implements BackendMessage {
}
