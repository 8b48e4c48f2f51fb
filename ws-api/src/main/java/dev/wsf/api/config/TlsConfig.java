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
 * A server reads its files again on {@code WebSocketServer.reloadTls()} and, if
 * {@link Builder#watchInterval} is set, whenever they change: new handshakes use the new
 * certificate, open connections keep theirs.
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

    /**
     * Where a key or trust store comes from.
     *
     * @param path     the store file
     * @param password the store's password (also used for the keys in a key store); null is
     *                 taken as empty. The array is copied, in and out
     * @param type     the {@link java.security.KeyStore} type, {@code PKCS12} or {@code JKS}; null
     *                 guesses from the file name: {@code .jks} is JKS, anything else PKCS12
     */
    public record StoreFile(Path path, char[] password, String type) {
        /**
         * Copies the password and settles the type.
         *
         * @param path     the store file
         * @param password the store's password; null for none
         * @param type     the key store type, or null to guess it from the file name
         * @throws NullPointerException if {@code path} is null
         */
        public StoreFile {
            Objects.requireNonNull(path, "path");
            password = password == null ? new char[0] : password.clone();
            type = type == null ? guessType(path) : type;
        }

        private static String guessType(Path path) {
            return path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
        }

        /**
         * The store's password.
         *
         * @return a copy of the password, empty if none was given; the caller may clear it
         */
        @Override
        public char[] password() {
            return password.clone();
        }

        @Override
        public String toString() {
            return type + " " + path;
        }
    }

    /**
     * A certificate chain and its private key in PEM files; the key may be encrypted (PKCS#8).
     *
     * @param certificateChain the PEM file of the certificate chain, leaf first
     * @param privateKey       the PEM file of the private key: PKCS#8, PKCS#1 or SEC1, RSA or EC
     * @param keyPassword      the password of an encrypted PKCS#8 key, or null for a key that is
     *                         not encrypted. The array is copied, in and out
     */
    public record PemFiles(Path certificateChain, Path privateKey, char[] keyPassword) {
        /**
         * Copies the password.
         *
         * @param certificateChain the PEM file of the certificate chain, leaf first
         * @param privateKey       the PEM file of the private key
         * @param keyPassword      the key's password, or null for a key that is not encrypted
         * @throws NullPointerException if {@code certificateChain} or {@code privateKey} is null
         */
        public PemFiles {
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
            keyPassword = keyPassword == null ? null : keyPassword.clone();
        }

        /**
         * The password of the private key.
         *
         * @return a copy of the password, or null for a key that is not encrypted
         */
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

    /**
     * A builder with no key material, the JDK's trust store, TLSv1.3 and TLSv1.2, no client
     * authentication, host names verified and no file watching.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * For a client: the JDK's trust store, host names verified, no client certificate.
     *
     * @return what {@link #builder()} builds when nothing is set; not enough for a server
     *         listener, which needs key material
     */
    public static TlsConfig clientDefaults() {
        return builder().build();
    }

    /**
     * The key store this side proves itself with, if that is where its key material comes from.
     *
     * @return the key store, or empty when PEM files, an {@link SSLContext} or nothing was set
     */
    public Optional<StoreFile> keyStore() {
        return Optional.ofNullable(keyStore);
    }

    /**
     * The PEM files this side proves itself with, if that is where its key material comes from.
     *
     * @return the certificate chain and key files, or empty when a key store, an
     *         {@link SSLContext} or nothing was set
     */
    public Optional<PemFiles> pem() {
        return Optional.ofNullable(pem);
    }

    /**
     * The application's own {@link SSLContext}, if it provides one; it then decides key material
     * and trust.
     *
     * @return the supplier, asked again on every reload, or empty
     */
    public Optional<Supplier<SSLContext>> sslContext() {
        return Optional.ofNullable(sslContext);
    }

    /**
     * A store of certificates to trust instead of the JDK's trust store.
     *
     * @return the trust store, or empty when the JDK's trust store or
     *         {@link #trustedCertificates()} is used
     */
    public Optional<StoreFile> trustStore() {
        return Optional.ofNullable(trustStore);
    }

    /**
     * A PEM file of CA certificates to trust instead of the JDK's trust store.
     *
     * @return the file, or empty when the JDK's trust store or {@link #trustStore()} is used
     */
    public Optional<Path> trustedCertificates() {
        return Optional.ofNullable(trustedCertificates);
    }

    /**
     * Whether key material is configured (a server listener needs it).
     *
     * @return true if a key store, PEM files or an {@link SSLContext} was set
     */
    public boolean hasKeyMaterial() {
        return keyStore != null || pem != null || sslContext != null;
    }

    /**
     * The TLS protocol versions enabled on every connection, also with an own {@link SSLContext}.
     *
     * @return the JSSE protocol names, e.g. {@code TLSv1.3}; by default TLSv1.3 and TLSv1.2
     */
    public List<String> protocols() {
        return protocols;
    }

    /**
     * Cipher suites to enable; empty means the JDK's defaults for the protocols.
     *
     * @return the JSSE cipher suite names, in order of preference; empty by default
     */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /**
     * Whether a server asks its clients for certificates; ignored by clients.
     *
     * @return the client authentication mode; {@link ClientAuth#NONE} by default
     */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /**
     * Whether a client checks that the server's certificate names the host it connected to;
     * ignored by servers.
     *
     * @return true (the default) if host names are verified
     */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /**
     * How often key and trust files are checked for changes; zero means never. Only a server's
     * listeners are watched.
     *
     * @return the interval; {@link Duration#ZERO} by default
     */
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

        /**
         * Key material from a key store; the type follows the file name ({@code .jks}, else PKCS12).
         * Replaces PEM files or an {@link SSLContext} set before.
         *
         * @param path     the key store file; read when the server starts or the client first
         *                 connects, not here
         * @param password the password of the store and its key, or null for none; copied
         * @return this builder
         * @throws NullPointerException if {@code path} is null
         */
        public Builder keyStore(Path path, char[] password) {
            return keyStore(new StoreFile(path, password, null));
        }

        /**
         * Key material from a key store of an explicit type. Replaces PEM files or an
         * {@link SSLContext} set before.
         *
         * @param store the key store file, its password and type
         * @return this builder
         * @throws NullPointerException if {@code store} is null
         */
        public Builder keyStore(StoreFile store) {
            this.keyStore = Objects.requireNonNull(store);
            this.pem = null;
            this.sslContext = null;
            return this;
        }

        /**
         * Key material from PEM files: the certificate chain (leaf first) and an unencrypted key.
         * Replaces a key store or an {@link SSLContext} set before.
         *
         * @param certificateChain the PEM file of the certificate chain, leaf first
         * @param privateKey       the PEM file of the private key: PKCS#8, PKCS#1 or SEC1, RSA or EC
         * @return this builder
         * @throws NullPointerException if either path is null
         */
        public Builder pem(Path certificateChain, Path privateKey) {
            return pem(new PemFiles(certificateChain, privateKey, null));
        }

        /**
         * Key material from PEM files, the key possibly encrypted. Replaces a key store or an
         * {@link SSLContext} set before.
         *
         * @param files the certificate chain, the private key and its password
         * @return this builder
         * @throws NullPointerException if {@code files} is null
         */
        public Builder pem(PemFiles files) {
            this.pem = Objects.requireNonNull(files);
            this.keyStore = null;
            this.sslContext = null;
            return this;
        }

        /**
         * An {@link SSLContext} of your own, asked again on every reload; it decides key material
         * and trust, so the key, trust and reload settings here do not apply.
         * Replaces a key store or PEM files set before.
         *
         * @param context supplies the context; called when the configuration is first used
         *                (a server starting, a client connecting) and on each reload
         * @return this builder
         * @throws NullPointerException if {@code context} is null
         */
        public Builder sslContext(Supplier<SSLContext> context) {
            this.sslContext = Objects.requireNonNull(context);
            this.keyStore = null;
            this.pem = null;
            return this;
        }

        /**
         * Trust the certificates of this store instead of the JDK's trust store. Replaces
         * {@link #trustedCertificates(Path)}.
         *
         * @param path     the trust store file; {@code .jks} is read as JKS, anything else as PKCS12
         * @param password the store's password, or null for none; copied
         * @return this builder
         * @throws NullPointerException if {@code path} is null
         */
        public Builder trustStore(Path path, char[] password) {
            this.trustStore = new StoreFile(path, password, null);
            this.trustedCertificates = null;
            return this;
        }

        /**
         * Trust the CA certificates of this PEM file instead of the JDK's trust store. Replaces
         * {@link #trustStore(Path, char[])}. For mutual TLS, a server lists its clients' CA here.
         *
         * @param pemFile a PEM file of one or more certificates
         * @return this builder
         * @throws NullPointerException if {@code pemFile} is null
         */
        public Builder trustedCertificates(Path pemFile) {
            this.trustedCertificates = Objects.requireNonNull(pemFile);
            this.trustStore = null;
            return this;
        }

        /**
         * The TLS protocol versions to enable. Default: TLSv1.3 and TLSv1.2.
         *
         * @param protocols JSSE protocol names, e.g. {@code TLSv1.3}; at least one
         * @return this builder
         * @throws IllegalArgumentException if none is given
         * @throws NullPointerException     if one of them is null
         */
        public Builder protocols(String... protocols) {
            if (protocols.length == 0) {
                throw new IllegalArgumentException("at least one protocol is needed");
            }
            this.protocols = List.of(protocols);
            return this;
        }

        /**
         * The cipher suites to enable. Default: the JDK's choice for the protocols.
         *
         * @param suites JSSE cipher suite names, e.g. {@code TLS_AES_128_GCM_SHA256}; none for
         *               the JDK's choice
         * @return this builder
         * @throws NullPointerException if one of them is null
         */
        public Builder cipherSuites(String... suites) {
            this.cipherSuites = List.of(suites);
            return this;
        }

        /**
         * For a server: whether to ask clients for certificates (mutual TLS). Default: NONE.
         * Client certificates are checked against the trust settings of this configuration.
         *
         * @param auth {@link ClientAuth#WANT} or {@link ClientAuth#NEED} for mutual TLS
         * @return this builder
         * @throws NullPointerException if {@code auth} is null
         */
        public Builder clientAuth(ClientAuth auth) {
            this.clientAuth = Objects.requireNonNull(auth);
            return this;
        }

        /**
         * For a client: whether the server's certificate must name the host connected to (RFC
         * 2818 / 6125, as browsers do). Default: true. Turning it off lets any server with a
         * trusted certificate impersonate any other.
         *
         * @param verify false only for tests or for servers reached by an address their
         *               certificate cannot name
         * @return this builder
         */
        public Builder hostnameVerification(boolean verify) {
            this.hostnameVerification = verify;
            return this;
        }

        /**
         * Re-read key and trust files when they change, checking this often. Default: zero, never.
         * Applies to a server's listeners; a client reads its files once. Files that changed but
         * cannot be loaded are logged, and the material in use stays.
         *
         * @param interval how often to check whether the files changed, zero or more; zero
         *                 turns watching off
         * @return this builder
         * @throws IllegalArgumentException if {@code interval} is negative
         * @throws NullPointerException     if {@code interval} is null
         */
        public Builder watchInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("watchInterval must not be negative: " + interval);
            }
            this.watchInterval = interval;
            return this;
        }

        /**
         * The settings made so far. Files are not read here but when a server starts or a client
         * first connects with them.
         *
         * @return a new, immutable configuration
         */
        public TlsConfig build() {
            return new TlsConfig(this);
        }
    }
}
