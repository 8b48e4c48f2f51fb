package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The client's TLS setup: trusts exactly the certificates in the server's PKCS#12 key store
 * (the benchmark generates one per run), offers TLS 1.3 only and one cipher suite, so every
 * server negotiates the same one. No session is ever resumed: engines are created without a
 * peer host and port, so each connection makes a full handshake.
 *
 * <p>Trust is pinning: the server's leaf certificate must equal one from the store. That is as
 * strict as a trust store holding only that certificate, and it spares the client a PKIX path
 * validation per handshake; the client's core is shared by up to 10,000 handshakes in the idle
 * test, and what it spends there only slows opening, never the server's figures.
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
            List<Certificate> pinned = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                Certificate certificate = store.getCertificate(alias);
                if (certificate != null) {
                    pinned.add(certificate);
                }
            }
            if (pinned.isEmpty()) {
                throw new IOException("no certificate in " + options.tlsStore());
            }
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, new TrustManager[] {new Pinned(pinned)}, null);
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

    /** Accepts a server whose leaf certificate is one of the pinned ones; a client role only. */
    private static final class Pinned extends X509ExtendedTrustManager {
        private final List<Certificate> pinned;

        Pinned(List<Certificate> pinned) {
            this.pinned = pinned;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0 || !pinned.contains(chain[0])) {
                throw new CertificateException("the server's certificate is not the benchmark's");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the load client does not accept clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
