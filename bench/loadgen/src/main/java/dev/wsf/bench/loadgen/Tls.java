package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client's TLS setup: trusts exactly the certificate in the server's PKCS#12 key store
 * (the benchmark generates one per run), offers TLS 1.3 only and one cipher suite, so every
 * server negotiates the same one. No session is ever resumed: engines are created without a
 * peer host and port, so each connection makes a full handshake.
 */
final class Tls {

    private final SSLContext context;
    private final String cipherSuite;

    private Tls(SSLContext context, String cipherSuite) {
        this.context = context;
        this.cipherSuite = cipherSuite;
    }

    /** Null when the options ask for no TLS. */
    static Tls of(Options options) throws IOException {
        if (options.tlsStore() == null) {
            return null;
        }
        try {
            char[] password = options.tlsPassword().toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(options.tlsStore()))) {
                store.load(in, password);
            }
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            for (String alias : Collections.list(store.aliases())) {
                Certificate certificate = store.getCertificate(alias);
                if (certificate != null) {
                    trusted.setCertificateEntry(alias, certificate);
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, trust.getTrustManagers(), null);
            return new Tls(context, options.tlsCipher());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS from " + options.tlsStore() + ": " + e, e);
        }
    }

    SSLEngine newEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {"TLSv1.3"});
        engine.setEnabledCipherSuites(new String[] {cipherSuite});
        return engine;
    }

    /** What a finished handshake negotiated, for the RESULT line: {@code TLSv1.3/TLS_AES_128_GCM_SHA256}. */
    static String describe(Link link) {
        if (link instanceof TlsLink tls) {
            return tls.engine().getSession().getProtocol() + "/" + tls.engine().getSession().getCipherSuite();
        }
        return "none";
    }
}
