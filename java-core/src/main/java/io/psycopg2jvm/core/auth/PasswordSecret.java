package io.psycopg2jvm.core.auth;

import com.ongres.saslprep.SASLprep;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The password secrets a server stores (what psycopg2's encrypt_password returns, from libpq's
 * PQencryptPasswordConn): so that a client can send ALTER ROLE ... PASSWORD without the clear
 * password crossing the wire.
 */
public final class PasswordSecret {
    private static final int SCRAM_ITERATIONS = 4096; // libpq 15's default
    private static final int SCRAM_SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordSecret() {
    }

    /** "md5" and the hex MD5 of the password followed by the user name. */
    public static String md5(byte[] password, byte[] user) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(password);
            md5.update(user);
            return "md5" + HexFormat.of().formatHex(md5.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no MD5 in this JVM", e);
        }
    }

    /**
     * "SCRAM-SHA-256$4096:salt$StoredKey:ServerKey" with a random salt (RFC 5802/7677). As libpq,
     * a password that is valid UTF-8 is normalised with SASLprep first; one that is not, or that
     * SASLprep refuses, is used as it is.
     */
    public static String scramSha256(byte[] password) {
        byte[] salt = new byte[SCRAM_SALT_BYTES];
        RANDOM.nextBytes(salt);
        return scramSha256(password, salt, SCRAM_ITERATIONS);
    }

    static String scramSha256(byte[] password, byte[] salt, int iterations) {
        try {
            byte[] salted = saltedPassword(prepared(password), salt, iterations);
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(hmac(salted, "Client Key"));
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder b64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$"
                    + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256 or HMAC-SHA-256 in this JVM", e);
        }
    }

    private static byte[] prepared(byte[] password) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(password)).toString();
            // libpq's pg_saslprep lets unassigned code points through: the query profile
            return new SASLprep().prepareQuery(text).getBytes(StandardCharsets.UTF_8);
        } catch (CharacterCodingException | IllegalArgumentException e) {
            return password;
        }
    }

    /** PBKDF2 over raw bytes: Hi() of RFC 5802 (javax.crypto's PBKDF2 takes chars, not bytes). */
    private static byte[] saltedPassword(byte[] password, byte[] salt, int iterations) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        // an empty key is refused by SecretKeySpec; HMAC pads keys with zeros, so one zero byte is the same key
        mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, "HmacSHA256"));
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
    }
}
