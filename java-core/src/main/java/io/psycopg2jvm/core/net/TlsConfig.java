package io.psycopg2jvm.core.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * How to set up TLS for one sslmode, as libpq 15 does. When the root certificate file exists, the
 * server's chain is checked against it in every mode (libpq loads it whenever it is there);
 * without it, allow/prefer/require encrypt without checking and verify-ca/verify-full fail.
 * verify-full also checks that the certificate names the host. Failures carry libpq's messages.
 */
public final class TlsConfig {
    private static final String CHANGE_SSLMODE =
            "Either provide the file or change sslmode to disable server certificate verification.";

    private final SslMode mode;
    private final Path rootCert;

    public TlsConfig(SslMode mode, Path rootCert) {
        this.mode = mode;
        this.rootCert = rootCert;
    }

    public SslMode mode() {
        return mode;
    }

    /** Wraps a connected plain socket in TLS, runs the handshake and checks the server's name. */
    public SSLSocket wrap(java.net.Socket plain, String host, int port) throws IOException {
        SSLSocketFactory factory = context().getSocketFactory();
        SSLSocket tls = (SSLSocket) factory.createSocket(plain, host, port, true);
        tls.setUseClientMode(true);
        try {
            tls.startHandshake();
        } catch (SSLException e) {
            throw new IOException("SSL error: " + (certificateRejected(e) ? "certificate verify failed" : e.getMessage()), e);
        }
        if (mode == SslMode.VERIFY_FULL) {
            Certificate[] chain = tls.getSession().getPeerCertificates();
            String problem = ServerNameCheck.mismatch((X509Certificate) chain[0], host);
            if (problem != null) {
                tls.close();
                throw new IOException(problem);
            }
        }
        return tls;
    }

    private static boolean certificateRejected(SSLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof CertPathValidatorException) {
                return true;
            }
        }
        return false;
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
        if (rootCert == null) {
            if (mode.verifiesCertificate()) {
                throw new IOException("could not get home directory to locate root certificate file\n" + CHANGE_SSLMODE);
            }
            return new AcceptAnyCertificate();
        }
        if (!Files.exists(rootCert)) {
            if (mode.verifiesCertificate()) {
                throw new IOException("root certificate file \"" + rootCert + "\" does not exist\n" + CHANGE_SSLMODE);
            }
            return new AcceptAnyCertificate();
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(rootCert)) {
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("root-" + i++, cert);
            }
            if (i == 0) {
                throw new CertificateException("no certificate or CRL found");
            }
        } catch (IOException | CertificateException e) {
            throw new IOException("could not read root certificate file \"" + rootCert + "\": " + e.getMessage(), e);
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
