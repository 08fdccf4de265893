package io.psycopg2jvm.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The answer to AuthenticationMD5Password: "md5" + md5hex(md5hex(password + user) + salt). */
public final class Md5Password {
    private Md5Password() {
    }

    public static byte[] encode(String user, String password, byte[] salt) {
        // the secret the server stores, without its "md5", hashed again with the salt
        String stored = PasswordSecret.md5(password.getBytes(StandardCharsets.UTF_8),
                user.getBytes(StandardCharsets.UTF_8));
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available in this JVM", e);
        }
        md5.update(stored.substring(3).getBytes(StandardCharsets.US_ASCII));
        md5.update(salt);
        return ("md5" + HexFormat.of().formatHex(md5.digest())).getBytes(StandardCharsets.US_ASCII);
    }
}
