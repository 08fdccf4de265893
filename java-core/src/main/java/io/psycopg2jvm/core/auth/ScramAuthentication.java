package io.psycopg2jvm.core.auth;

import com.ongres.scram.client.ScramClient;
import com.ongres.scram.common.exception.ScramException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * One SCRAM-SHA-256 exchange (RFC 5802/7677) through com.ongres.scram. Over TLS, when the server
 * offers SCRAM-SHA-256-PLUS, binds the exchange to the server certificate (tls-server-end-point),
 * as libpq's default channel_binding=prefer does. Without a TLS socket (no TLS, or
 * channel_binding=disable) the exchange is plain SCRAM-SHA-256.
 */
public final class ScramAuthentication {
    private final ScramClient client;

    public ScramAuthentication(List<String> serverMechanisms, String password, SSLSocket tls) {
        ScramClient.FinalBuildStage builder = ScramClient.builder()
                .advertisedMechanisms(serverMechanisms)
                .username("*") // the server takes the user from the startup message
                .password(password.toCharArray());
        byte[] binding = tls == null ? null : serverEndPoint(tls);
        if (binding != null) {
            builder.channelBinding("tls-server-end-point", binding);
        }
        this.client = builder.build();
    }

    /** Whether the exchange is bound to the TLS channel (SCRAM-SHA-256-PLUS was chosen). */
    public boolean channelBound() {
        return mechanism().endsWith("-PLUS");
    }

    public String mechanism() {
        return client.getScramMechanism().getName();
    }

    public byte[] clientFirstMessage() {
        return client.clientFirstMessage().toString().getBytes(StandardCharsets.UTF_8);
    }

    public byte[] clientFinalMessage(byte[] serverFirst) throws ScramException {
        client.serverFirstMessage(new String(serverFirst, StandardCharsets.UTF_8));
        return client.clientFinalMessage().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Checks the server's signature: a server that does not know the password is refused. */
    public void verifyServerFinal(byte[] serverFinal) throws ScramException {
        client.serverFinalMessage(new String(serverFinal, StandardCharsets.UTF_8));
    }

    private static byte[] serverEndPoint(SSLSocket tls) {
        try {
            Certificate[] chain = tls.getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
                return null;
            }
            X509Certificate cert = (X509Certificate) chain[0];
            String algorithm = cert.getSigAlgName().toUpperCase(Locale.ROOT);
            String digest = "SHA-256";
            if (algorithm.startsWith("SHA384")) {
                digest = "SHA-384";
            } else if (algorithm.startsWith("SHA512")) {
                digest = "SHA-512";
            }
            return MessageDigest.getInstance(digest).digest(cert.getEncoded());
        } catch (SSLPeerUnverifiedException | CertificateEncodingException | NoSuchAlgorithmException e) {
            return null;
        }
    }
}
