package io.psycopg2jvm.core.protocol.backend;


/** AuthenticationOk / ...CleartextPassword / ...MD5Password (data = salt) / ...SASL* (data = payload). */
public record Authentication(int code, byte[] data) implements BackendMessage {
    public static final int OK = 0;
    public static final int CLEARTEXT_PASSWORD = 3;
    public static final int MD5_PASSWORD = 5;
    public static final int SASL = 10;
    public static final int SASL_CONTINUE = 11;
    public static final int SASL_FINAL = 12;
}
