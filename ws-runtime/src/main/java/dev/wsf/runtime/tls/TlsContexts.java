package dev.wsf.runtime.tls;

import dev.wsf.api.config.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Builds the {@link SSLContext} a {@link TlsConfig} describes, reading its files each time. */
final class TlsContexts {
    private TlsContexts() {
    }

    /**
     * @throws IllegalStateException or IllegalArgumentException naming the file and what is wrong
     */
    static SSLContext build(TlsConfig config) {
        if (config.sslContext().isPresent()) {
            return config.sslContext().get().get();
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(config), trustManagers(config), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS: cannot set up the SSL context: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(TlsConfig config) throws GeneralSecurityException {
        KeyStore store;
        char[] password;
        if (config.keyStore().isPresent()) {
            TlsConfig.StoreFile file = config.keyStore().get();
            password = file.password();
            store = load(file);
        } else if (config.pem().isPresent()) {
            TlsConfig.PemFiles pem = config.pem().get();
            store = PemFiles.keyStore(pem.certificateChain(), pem.privateKey(), pem.keyPassword());
            password = new char[0];
        } else {
            return null; // a client without a certificate
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static TrustManager[] trustManagers(TlsConfig config) throws GeneralSecurityException {
        KeyStore store;
        if (config.trustStore().isPresent()) {
            store = load(config.trustStore().get());
        } else if (config.trustedCertificates().isPresent()) {
            Path file = config.trustedCertificates().get();
            store = KeyStore.getInstance("PKCS12");
            try {
                store.load(null, null);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            int i = 0;
            for (X509Certificate ca : PemFiles.certificates(file)) {
                store.setCertificateEntry("ca-" + i++, ca);
            }
        } else {
            return null; // the JDK's trust store
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static KeyStore load(TlsConfig.StoreFile file) {
        try (InputStream in = Files.newInputStream(file.path())) {
            KeyStore store = KeyStore.getInstance(file.type());
            store.load(in, file.password());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("TLS: cannot read the " + file + ": " + e.getMessage(), e);
        }
    }

    /** The files a configuration reads, to watch for changes. */
    static List<Path> files(TlsConfig config) {
        java.util.ArrayList<Path> files = new java.util.ArrayList<>();
        config.keyStore().ifPresent(f -> files.add(f.path()));
        config.pem().ifPresent(p -> {
            files.add(p.certificateChain());
            files.add(p.privateKey());
        });
        config.trustStore().ifPresent(f -> files.add(f.path()));
        config.trustedCertificates().ifPresent(files::add);
        return List.copyOf(files);
    }
}
