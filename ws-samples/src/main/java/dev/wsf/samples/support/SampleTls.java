package dev.wsf.samples.support;

import dev.wsf.api.config.TlsConfig;
import dev.wsf.testkit.tls.Credential;
import dev.wsf.testkit.tls.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/**
 * The samples' TLS switches, read by {@link SampleRunner} for every server sample:
 * <ul>
 * <li>{@code -Dtls=true}: serve {@code wss://} (and the pages over {@code https://}) on the
 *     sample's port, with a throwaway self-signed certificate for localhost, 127.0.0.1 and ::1
 *     made at start by ws-testkit's generator and written, PEM, into a new directory under the
 *     system temp dir; both files are deleted when the JVM exits;</li>
 * <li>{@code -Dtls.keystore=FILE} (PKCS#12 or JKS) with {@code -Dtls.password=...}, or
 *     {@code -Dtls.cert=FILE -Dtls.key=FILE} (PEM chain and key): serve that certificate instead.
 *     Naming a file turns TLS on by itself.</li>
 * </ul>
 * Whatever the source, {@link #trustFile()} is a PEM file of the certificate chain the server
 * presents: what a client trusts ({@code curl --cacert}, Python's {@code SSL_CERT_FILE}, the client
 * sample's {@code -Dtls.trust}).
 */
public final class SampleTls {
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final TlsConfig server;
    private final Path trustFile;
    private final List<X509Certificate> chain;
    private final boolean throwaway;
    private final List<String> notes;

    private SampleTls(TlsConfig server, Path trustFile, List<X509Certificate> chain, boolean throwaway,
            List<String> notes) {
        this.server = server;
        this.trustFile = trustFile;
        this.chain = List.copyOf(chain);
        this.throwaway = throwaway;
        this.notes = List.copyOf(notes);
    }

    /** The switches as given on the command line; empty when the sample serves plain {@code ws://}. */
    public static Optional<SampleTls> fromSystemProperties() {
        return from(System::getProperty);
    }

    /**
     * The switches as {@code properties} has them.
     *
     * @throws IllegalArgumentException when they contradict each other or a file cannot be used
     */
    static Optional<SampleTls> from(UnaryOperator<String> properties) {
        String keyStore = properties.apply("tls.keystore");
        String cert = properties.apply("tls.cert");
        String key = properties.apply("tls.key");
        String tls = properties.apply("tls");
        boolean files = keyStore != null || cert != null || key != null;
        if (!files) {
            return Boolean.parseBoolean(tls) ? Optional.of(throwaway()) : Optional.empty();
        }
        if ("false".equalsIgnoreCase(tls)) {
            throw new IllegalArgumentException("-Dtls=false, yet -Dtls.keystore, -Dtls.cert or -Dtls.key is given");
        }
        if (keyStore != null && (cert != null || key != null)) {
            throw new IllegalArgumentException("give either -Dtls.keystore or -Dtls.cert with -Dtls.key, not both");
        }
        if (keyStore != null) {
            return Optional.of(fromKeyStore(Path.of(keyStore), properties.apply("tls.password")));
        }
        if (cert == null || key == null) {
            throw new IllegalArgumentException("-Dtls.cert and -Dtls.key go together: the certificate chain and its"
                    + " private key, both PEM");
        }
        return Optional.of(fromPem(Path.of(cert), Path.of(key)));
    }

    /**
     * A new self-signed certificate for localhost, 127.0.0.1 and ::1 (EC P-256, 30 days), written
     * as {@code localhost.crt} and {@code localhost.key} into a new directory under
     * {@code java.io.tmpdir}, readable by this user only; the files go when the JVM exits.
     */
    public static SampleTls throwaway() {
        Credential credential = TestCertificates.selfSigned();
        Path directory = newTempDirectory();
        Credential.PemPaths pem = credential.writePem(directory, "localhost");
        // Deleted in the reverse order of registration: the files, then their directory.
        directory.toFile().deleteOnExit();
        pem.certificates().toFile().deleteOnExit();
        pem.privateKey().toFile().deleteOnExit();
        X509Certificate certificate = credential.certificate();
        return new SampleTls(TlsConfig.builder().pem(pem.certificates(), pem.privateKey()).build(),
                pem.certificates(), credential.chain(), true, List.of(
                "TLS: generated a throwaway self-signed certificate at start for " + describe(certificate) + ".",
                "TLS: certificate " + pem.certificates() + ", key " + pem.privateKey()
                        + " (both deleted when the sample stops)."));
    }

    private static SampleTls fromPem(Path certificates, Path key) {
        if (!Files.isReadable(key)) {
            throw new IllegalArgumentException("-Dtls.key=" + key + ": no such file, or not readable");
        }
        List<X509Certificate> chain = readCertificates(certificates);
        return new SampleTls(TlsConfig.builder().pem(certificates, key).build(), certificates, chain, false, List.of(
                "TLS: serving the certificate in " + certificates + " (key " + key + ") for "
                        + describe(chain.get(0)) + "."));
    }

    private static SampleTls fromKeyStore(Path file, String passwordOrNull) {
        char[] password = (passwordOrNull == null ? "" : passwordOrNull).toCharArray();
        List<X509Certificate> chain = new ArrayList<>();
        String alias;
        try {
            KeyStore store = KeyStore.getInstance(file.toFile(), password);
            alias = Collections.list(store.aliases()).stream().filter(a -> isKeyEntry(store, a)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("-Dtls.keystore=" + file
                            + " has no private key entry, only trusted certificates"));
            for (Certificate c : store.getCertificateChain(alias)) {
                chain.add((X509Certificate) c);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot open -Dtls.keystore=" + file + " (wrong or missing"
                    + " -Dtls.password?): " + e.getMessage(), e);
        }
        // Clients need the certificate as PEM, which a key store is not: export it next to nothing secret.
        Path trustFile = newTempDirectory().resolve("certificate.crt");
        writeCertificates(trustFile, chain);
        trustFile.getParent().toFile().deleteOnExit();
        trustFile.toFile().deleteOnExit();
        return new SampleTls(TlsConfig.builder().keyStore(file, password).build(), trustFile, chain, false, List.of(
                "TLS: serving the certificate in " + file + " (entry '" + alias + "') for " + describe(chain.get(0)) + ".",
                "TLS: its certificate chain, PEM, is in " + trustFile + " (deleted when the sample stops)."));
    }

    /** The server side: the main listener's TLS settings. */
    public TlsConfig server() {
        return server;
    }

    /** A PEM file with the certificate chain the server presents: the one for clients to trust. */
    public Path trustFile() {
        return trustFile;
    }

    /** The certificate the server presents. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Whether the certificate was made at start (self-signed, so browsers warn about it). */
    public boolean isThrowaway() {
        return throwaway;
    }

    /** What the log says about where the certificate came from and where its files are. */
    public List<String> notes() {
        return notes;
    }

    /** For wsf's own client: trust exactly {@link #trustFile()}, host names verified. */
    public TlsConfig clientTrust() {
        return TlsConfig.builder().trustedCertificates(trustFile).build();
    }

    /** For a plain {@code SSLSocket}: a context trusting exactly the server's certificate chain. */
    public SSLContext clientContext() {
        return TestCertificates.trustingOnly(chain.toArray(new X509Certificate[0]));
    }

    /**
     * What Chromium's {@code --ignore-certificate-errors-spki-list} takes to trust this certificate
     * and no other: Base64 of the SHA-256 of its SubjectPublicKeyInfo.
     */
    public String spkiSha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate().getPublicKey().getEncoded());
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** "localhost, 127.0.0.1 and ::1, valid 30 days (until 2026-12-29 17:12 UTC)". */
    private static String describe(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                alternatives.forEach(entry -> names.add(shortIpv6(String.valueOf(entry.get(1)))));
            }
        } catch (CertificateException e) {
            // fall back to the subject below
        }
        if (names.isEmpty()) {
            names.add(certificate.getSubjectX500Principal().getName());
        }
        String last = names.remove(names.size() - 1);
        Instant notAfter = certificate.getNotAfter().toInstant();
        long days = Math.round(Duration.between(Instant.now(), notAfter).toHours() / 24.0);
        return (names.isEmpty() ? last : String.join(", ", names) + " and " + last)
                + ", valid " + days + " days (until " + UNTIL.format(notAfter) + ")";
    }

    /** "::1" for the JDK's "0:0:0:0:0:0:0:1": the first run of zero groups as "::". */
    private static String shortIpv6(String name) {
        return name.contains(":") ? name.replaceFirst("(^|:)(0(:|$)){2,}", "::") : name;
    }

    private static boolean isKeyEntry(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<X509Certificate> readCertificates(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                chain.add((X509Certificate) c);
            }
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("-Dtls.cert=" + pem + " holds no certificate");
            }
            return chain;
        } catch (IOException e) {
            throw new IllegalArgumentException("-Dtls.cert=" + pem + ": cannot read it: " + e, e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("-Dtls.cert=" + pem + " is not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    private static void writeCertificates(Path file, List<X509Certificate> chain) {
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        StringBuilder pem = new StringBuilder();
        try {
            for (X509Certificate c : chain) {
                pem.append("-----BEGIN CERTIFICATE-----\n").append(base64.encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            }
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (CertificateException e) {
            throw new IllegalStateException("a certificate read from a key store cannot be encoded again", e);
        }
    }

    /** A new directory only this user can read (POSIX: rwx------), under {@code java.io.tmpdir}. */
    private static Path newTempDirectory() {
        try {
            return Files.createTempDirectory("wsf-sample-tls-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the sample's certificate under "
                    + System.getProperty("java.io.tmpdir"), e);
        }
    }
}
