package io.psycopg2jvm.core.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * How to set up TLS for one sslmode. allow/prefer/require encrypt without checking the server's
 * certificate (as libpq does without a root certificate); verify-ca checks the chain against
 * sslrootcert and verify-full also the host name.
 */
public final class TlsConfig {
    private final SslMode mode;
    private final Path rootCert;

    public TlsConfig(SslMode mode, Path rootCert) {
        this.mode = mode;
        this.rootCert = rootCert;
    }

    public SslMode mode() {
        return mode;
    }

    /** Wraps a connected plain socket in TLS and runs the handshake. */
    public SSLSocket wrap(java.net.Socket plain, String host, int port) throws IOException {
        SSLSocketFactory factory = context().getSocketFactory();
        SSLSocket tls = (SSLSocket) factory.createSocket(plain, host, port, true);
        tls.setUseClientMode(true);
        if (mode == SslMode.VERIFY_FULL) {
            SSLParameters params = tls.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(params);
        }
        tls.startHandshake();
        return tls;
    }

    private SSLContext context() throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trustManager()}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("could not set up TLS: " + e.getMessage(), e);
        }
    }

    private X509TrustManager trustManager() throws IOException, GeneralSecurityException {
        if (!mode.verifiesCertificate()) {
            return new AcceptAnyCertificate();
        }
        if (rootCert == null || !Files.isReadable(rootCert)) {
            throw new IOException("root certificate file \"" + rootCert + "\" does not exist\n"
                    + "Either provide the file, use the system's trusted roots with sslrootcert=system,"
                    + " or change sslmode to disable server certificate verification.");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(rootCert)) {
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("root-" + i++, cert);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager) {
                return (X509TrustManager) tm;
            }
        }
        throw new GeneralSecurityException("no X509 trust manager available");
    }

    /** Encryption without authentication: what sslmode=require means without a root certificate. */
    private static final class AcceptAnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
