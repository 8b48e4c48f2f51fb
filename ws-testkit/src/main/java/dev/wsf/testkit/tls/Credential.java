package dev.wsf.testkit.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate chain (leaf first) and its private key: what a TLS server, or a client doing mutual
 * TLS, presents. Issued by {@link CertificateAuthority#issue} (the chain is then the leaf alone: the
 * peer has the CA) or made by {@link TestCertificates#selfSigned}.
 */
public record Credential(List<X509Certificate> chain, PrivateKey key) {
    /** The alias of the key entry in the key stores made here. */
    public static final String ALIAS = "wsf-test";

    /** The two files {@link #writePem} writes. */
    public record PemPaths(Path certificates, Path privateKey) {
    }

    public Credential {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a credential needs a certificate");
        }
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Writes {@code baseName.crt} (the chain, PEM) and {@code baseName.key} (unencrypted PKCS#8 PEM) into {@code directory}. */
    public PemPaths writePem(Path directory, String baseName) {
        PemPaths paths = new PemPaths(directory.resolve(baseName + ".crt"), directory.resolve(baseName + ".key"));
        try {
            Files.writeString(paths.certificates(), PemWriter.certificates(chain), StandardCharsets.US_ASCII);
            Files.writeString(paths.privateKey(), PemWriter.privateKey(key), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write PEM files into " + directory, e);
        }
        return paths;
    }

    /** A PKCS#12 key store with the key and chain under {@link #ALIAS}, the store and the key both protected by {@code password}. */
    public KeyStore keyStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, chain.toArray(new X509Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK's PKCS12 key store refused a generated key", e);
        }
    }

    /** Writes {@link #keyStore(char[])} to {@code file} and returns the file. */
    public Path writePkcs12(Path file, char[] password) {
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore(password).store(out, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the PKCS12 file " + file, e);
        }
        return file;
    }
}
