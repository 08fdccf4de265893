package io.psycopg2jvm.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The answer to AuthenticationMD5Password: "md5" + md5hex(md5hex(password + user) + salt). */
public final class Md5Password {
    private Md5Password() {
    }

    public static byte[] encode(String user, String password, byte[] salt) {
        byte[] inner = hex(md5(concat(password.getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8))));
        byte[] outer = hex(md5(concat(inner, salt)));
        byte[] result = new byte[3 + outer.length];
        result[0] = 'm';
        result[1] = 'd';
        result[2] = '5';
        System.arraycopy(outer, 0, result, 3, outer.length);
        return result;
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available in this JVM", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] hex(byte[] digest) {
        byte[] out = new byte[digest.length * 2];
        final byte[] digits = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < digest.length; i++) {
            out[2 * i] = digits[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = digits[digest[i] & 0xf];
        }
        return out;
    }
}
