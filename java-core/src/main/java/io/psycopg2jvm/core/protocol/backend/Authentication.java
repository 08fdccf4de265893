package io.psycopg2jvm.core.protocol.backend;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** AuthenticationOk / ...CleartextPassword / ...MD5Password (data = salt) / ...SASL* (data = payload). */
public record Authentication(int code, byte[] data) implements BackendMessage {
    public static final int OK = 0;
    public static final int CLEARTEXT_PASSWORD = 3;
    public static final int MD5_PASSWORD = 5;
    public static final int SASL = 10;
    public static final int SASL_CONTINUE = 11;
    public static final int SASL_FINAL = 12;

    /** The mechanisms an AuthenticationSASL message offers (its NUL-terminated names). */
    public List<String> saslMechanisms() {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == 0) {
                if (i > start) {
                    out.add(new String(data, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return out;
    }
}
