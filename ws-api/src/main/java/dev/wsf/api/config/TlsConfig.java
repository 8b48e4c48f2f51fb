package dev.wsf.api.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * TLS for a server listener ({@code wss://} served) or a client ({@code wss://} connected to),
 * on the JDK's own provider. Immutable; start from {@link #builder()}.
 *
 * <h2>Key material</h2>
 * What this side proves itself with: a server's certificate, or a client's for mutual TLS. One of
 * a key store ({@link Builder#keyStore}, PKCS#12 or JKS), PEM files ({@link Builder#pem}: the
 * certificate chain and a PKCS#8, PKCS#1 or SEC1 private key, RSA or EC), or an
 * {@link SSLContext} of your own ({@link Builder#sslContext}), which then also decides trust.
 * Files are read again by {@code reload()} and, if {@link Builder#watchInterval} is set, whenever
 * they change: new handshakes use the new certificate, open connections keep theirs.
 *
 * <h2>Trust</h2>
 * Whom this side believes: by default the JDK's trust store (the public CAs). A client checks the
 * server's certificate against it and its host name ({@link Builder#hostnameVerification}, on by
 * default); a server asks for client certificates only with {@link Builder#clientAuth}.
 *
 * @since 0.1
 */
public final class TlsConfig {
    /** Whether a server asks the client for a certificate. */
    public enum ClientAuth {
        /** Never. */
        NONE,
        /** Asks; a client without one is still accepted. */
        WANT,
        /** Requires one the server trusts; the handshake fails otherwise. */
        NEED
    }

    /** Where a key or trust store comes from. */
    public record StoreFile(Path path, char[] password, String type) {
        public StoreFile {
            Objects.requireNonNull(path, "path");
            password = password == null ? new char[0] : password.clone();
            type = type == null ? guessType(path) : type;
        }

        private static String guessType(Path path) {
            return path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
        }

        @Override
        public char[] password() {
            return password.clone();
        }

        @Override
        public String toString() {
            return type + " " + path;
        }
    }

    /** A certificate chain and its private key in PEM files; the key may be encrypted (PKCS#8). */
    public record PemFiles(Path certificateChain, Path privateKey, char[] keyPassword) {
        public PemFiles {
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
            keyPassword = keyPassword == null ? null : keyPassword.clone();
        }

        @Override
        public char[] keyPassword() {
            return keyPassword == null ? null : keyPassword.clone();
        }

        @Override
        public String toString() {
            return "PEM " + certificateChain + " + " + privateKey;
        }
    }

    private final StoreFile keyStore;
    private final PemFiles pem;
    private final Supplier<SSLContext> sslContext;
    private final StoreFile trustStore;
    private final Path trustedCertificates;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final ClientAuth clientAuth;
    private final boolean hostnameVerification;
    private final Duration watchInterval;

    private TlsConfig(Builder b) {
        this.keyStore = b.keyStore;
        this.pem = b.pem;
        this.sslContext = b.sslContext;
        this.trustStore = b.trustStore;
        this.trustedCertificates = b.trustedCertificates;
        this.protocols = List.copyOf(b.protocols);
        this.cipherSuites = List.copyOf(b.cipherSuites);
        this.clientAuth = b.clientAuth;
        this.hostnameVerification = b.hostnameVerification;
        this.watchInterval = b.watchInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** For a client: the JDK's trust store, host names verified, no client certificate. */
    public static TlsConfig clientDefaults() {
        return builder().build();
    }

    public Optional<StoreFile> keyStore() {
        return Optional.ofNullable(keyStore);
    }

    public Optional<PemFiles> pem() {
        return Optional.ofNullable(pem);
    }

    public Optional<Supplier<SSLContext>> sslContext() {
        return Optional.ofNullable(sslContext);
    }

    public Optional<StoreFile> trustStore() {
        return Optional.ofNullable(trustStore);
    }

    /** A PEM file of CA certificates to trust instead of the JDK's trust store. */
    public Optional<Path> trustedCertificates() {
        return Optional.ofNullable(trustedCertificates);
    }

    /** Whether key material is configured (a server listener needs it). */
    public boolean hasKeyMaterial() {
        return keyStore != null || pem != null || sslContext != null;
    }

    public List<String> protocols() {
        return protocols;
    }

    /** Cipher suites to enable; empty means the JDK's defaults for the protocols. */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    public ClientAuth clientAuth() {
        return clientAuth;
    }

    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /** How often key and trust files are checked for changes; zero means never. */
    public Duration watchInterval() {
        return watchInterval;
    }

    @Override
    public String toString() {
        String keys = keyStore != null ? keyStore.toString() : pem != null ? pem.toString()
                : sslContext != null ? "an SSLContext" : "no key";
        return "TlsConfig[" + keys + ", " + protocols + ", client auth " + clientAuth + "]";
    }

    /** The builder of {@link TlsConfig}. */
    public static final class Builder {
        private StoreFile keyStore;
        private PemFiles pem;
        private Supplier<SSLContext> sslContext;
        private StoreFile trustStore;
        private Path trustedCertificates;
        private List<String> protocols = List.of("TLSv1.3", "TLSv1.2");
        private List<String> cipherSuites = List.of();
        private ClientAuth clientAuth = ClientAuth.NONE;
        private boolean hostnameVerification = true;
        private Duration watchInterval = Duration.ZERO;

        private Builder() {
        }

        /** Key material from a key store; the type follows the file name ({@code .jks}, else PKCS12). */
        public Builder keyStore(Path path, char[] password) {
            return keyStore(new StoreFile(path, password, null));
        }

        public Builder keyStore(StoreFile store) {
            this.keyStore = Objects.requireNonNull(store);
            this.pem = null;
            this.sslContext = null;
            return this;
        }

        /** Key material from PEM files: the certificate chain (leaf first) and an unencrypted key. */
        public Builder pem(Path certificateChain, Path privateKey) {
            return pem(new PemFiles(certificateChain, privateKey, null));
        }

        public Builder pem(PemFiles files) {
            this.pem = Objects.requireNonNull(files);
            this.keyStore = null;
            this.sslContext = null;
            return this;
        }

        /**
         * An {@link SSLContext} of your own, asked again on every reload; it decides key material
         * and trust, so the key, trust and reload settings here do not apply.
         */
        public Builder sslContext(Supplier<SSLContext> context) {
            this.sslContext = Objects.requireNonNull(context);
            this.keyStore = null;
            this.pem = null;
            return this;
        }

        /** Trust the certificates of this store instead of the JDK's trust store. */
        public Builder trustStore(Path path, char[] password) {
            this.trustStore = new StoreFile(path, password, null);
            this.trustedCertificates = null;
            return this;
        }

        /** Trust the CA certificates of this PEM file instead of the JDK's trust store. */
        public Builder trustedCertificates(Path pemFile) {
            this.trustedCertificates = Objects.requireNonNull(pemFile);
            this.trustStore = null;
            return this;
        }

        /** Default: TLSv1.3 and TLSv1.2. */
        public Builder protocols(String... protocols) {
            if (protocols.length == 0) {
                throw new IllegalArgumentException("at least one protocol is needed");
            }
            this.protocols = List.of(protocols);
            return this;
        }

        /** Default: the JDK's choice for the protocols. */
        public Builder cipherSuites(String... suites) {
            this.cipherSuites = List.of(suites);
            return this;
        }

        /** For a server: whether to ask clients for certificates (mutual TLS). Default: NONE. */
        public Builder clientAuth(ClientAuth auth) {
            this.clientAuth = Objects.requireNonNull(auth);
            return this;
        }

        /**
         * For a client: whether the server's certificate must name the host connected to (RFC
         * 2818 / 6125, as browsers do). Default: true. Turning it off lets any server with a
         * trusted certificate impersonate any other.
         */
        public Builder hostnameVerification(boolean verify) {
            this.hostnameVerification = verify;
            return this;
        }

        /** Re-read key and trust files when they change, checking this often. Default: zero, never. */
        public Builder watchInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("watchInterval must not be negative: " + interval);
            }
            this.watchInterval = interval;
            return this;
        }

        public TlsConfig build() {
            return new TlsConfig(this);
        }
    }
}
