package io.psycopg2jvm.core.conninfo;

import io.psycopg2jvm.core.error.PgConnectionException;

/**
 * A connection string that parses but whose values libpq refuses when it starts connecting:
 * {@code invalid sslmode value: "x"}, {@code could not match 2 port numbers to 1 hosts}, a missing
 * service definition... psycopg2 reports these as {@code OperationalError}, hence the superclass.
 * The message is libpq's text without its trailing newline.
 */
public class InvalidConnSettingsException extends PgConnectionException {
    public InvalidConnSettingsException(String libpqMessage) {
        super(libpqMessage);
    }
}
