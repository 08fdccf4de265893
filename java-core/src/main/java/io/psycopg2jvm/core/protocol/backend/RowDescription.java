package io.psycopg2jvm.core.protocol.backend;

/** The shape of the rows that follow. */
public record RowDescription(Column[] columns) implements BackendMessage {
    /** One column: its name, source table and attribute, type, size, modifier and format. */
    public record Column(String name, int tableOid, int columnNumber, int typeOid, int typeSize,
            int typeModifier, int format) {
    }
}
