package dev.wsf.runtime.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads PEM certificate chains and private keys as OpenSSL, certbot and Kubernetes secrets write
 * them, with nothing but the JDK, and turns them into a {@link KeyStore} for a
 * {@link javax.net.ssl.KeyManagerFactory}.
 *
 * <p>Keys may be PKCS#8 ({@code BEGIN PRIVATE KEY}: RSA, RSASSA-PSS, EC, Ed25519, Ed448), PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}), SEC1 ({@code BEGIN EC PRIVATE KEY}, named curves) or encrypted
 * PKCS#8 ({@code BEGIN ENCRYPTED PRIVATE KEY}; PBES2 with AES, as {@code openssl pkcs8 -topk8}
 * writes). Keys encrypted the legacy OpenSSL way ({@code Proc-Type: 4,ENCRYPTED} headers) are refused
 * with the command that converts them.
 *
 * <p>Every problem is an {@link IllegalArgumentException} whose message names the file (or "PEM
 * text") and what is wrong; no message ever contains key material. Thread-safe: no state.
 */
public final class PemFiles {
    /** The alias of the entry in the key stores made here. */
    public static final String KEY_ALIAS = "key";

    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String PEM_TEXT = "PEM text";

    private PemFiles() {
    }

    /**
     * The X.509 certificates of a PEM file, in file order (leaf first, as TLS sends them).
     *
     * @param file a PEM file with one or more {@code CERTIFICATE} blocks
     * @return the certificates, an immutable list
     */
    public static List<X509Certificate> certificates(Path file) {
        return certificates(read(file, "certificate"), "certificate file " + file);
    }

    /**
     * The X.509 certificates of a PEM text, in order.
     *
     * @param pem PEM text with one or more {@code CERTIFICATE} blocks
     * @return the certificates, an immutable list
     */
    public static List<X509Certificate> certificates(String pem) {
        return certificates(pem, PEM_TEXT);
    }

    /**
     * The private key of a PEM file: the first key block, after any other blocks (such as the
     * {@code EC PARAMETERS} block of {@code openssl ecparam -genkey}, or certificates).
     *
     * @param passwordOrNull the password of an {@code ENCRYPTED PRIVATE KEY}; ignored for others
     * @param file a PEM file with a PKCS#8, PKCS#1 (RSA) or SEC 1 (EC) key block
     * @return the key, decrypted if it was encrypted
     */
    public static PrivateKey privateKey(Path file, char[] passwordOrNull) {
        return privateKey(read(file, "private key"), passwordOrNull, "private key file " + file);
    }

    /**
     * The private key of a PEM text; see {@link #privateKey(Path, char[])}.
     *
     * @param pem PEM text with a key block
     * @param passwordOrNull the password of an {@code ENCRYPTED PRIVATE KEY}; ignored for others
     * @return the key, decrypted if it was encrypted
     */
    public static PrivateKey privateKey(String pem, char[] passwordOrNull) {
        return privateKey(pem, passwordOrNull, PEM_TEXT);
    }

    /**
     * An in-memory PKCS#12 key store holding {@code key} and {@code chain} under {@link #KEY_ALIAS},
     * protected by an empty password: pass {@code new char[0]} to {@code KeyManagerFactory.init}.
     *
     * @param chain the certificates, leaf first
     * @param key the leaf's private key
     * @return a new key store with one entry
     * @throws IllegalArgumentException if the chain is empty or the key is not the private half of
     *                                  the first certificate's public key
     */
    public static KeyStore keyStore(List<X509Certificate> chain, PrivateKey key) {
        return keyStore(chain, key, "the private key");
    }

    /**
     * Reads a chain and a key and returns {@link #keyStore(List, PrivateKey)}; a mismatch names both files.
     *
     * @param chainFile a PEM file with the chain, leaf first
     * @param keyFile a PEM file with the leaf's private key
     * @param keyPasswordOrNull the key's password if it is encrypted, else null
     * @return a new key store with one entry
     */
    public static KeyStore keyStore(Path chainFile, Path keyFile, char[] keyPasswordOrNull) {
        return keyStore(certificates(chainFile), privateKey(keyFile, keyPasswordOrNull), "private key file " + keyFile
                + " (for certificate file " + chainFile + ")");
    }

    private static KeyStore keyStore(List<X509Certificate> chain, PrivateKey key, String keySource) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a key store needs at least one certificate");
        }
        if (!KeyMatch.matches(key, chain.get(0).getPublicKey())) {
            throw new IllegalArgumentException(keySource + ": the " + key.getAlgorithm() + " key does not match the "
                    + chain.get(0).getPublicKey().getAlgorithm() + " public key of the certificate "
                    + chain.get(0).getSubjectX500Principal().getName());
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(KEY_ALIAS, key, new char[0], chain.toArray(new X509Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK's PKCS12 key store refused a key it just read", e);
        }
    }

    private static List<X509Certificate> certificates(String text, String source) {
        List<PemBlock> blocks = blocks(text, source);
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemBlock block : blocks) {
                if (block.label().equals(CERTIFICATE)) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(source + ": certificate " + (chain.size() + 1)
                    + " is not a valid X.509 certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(source + ": no -----BEGIN CERTIFICATE----- block" + found(blocks));
        }
        return chain;
    }

    private static PrivateKey privateKey(String text, char[] password, String source) {
        List<PemBlock> blocks = blocks(text, source);
        PemBlock block = blocks.stream().filter(b -> b.label().endsWith("PRIVATE KEY")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(source + ": no -----BEGIN PRIVATE KEY----- block (nor"
                        + " RSA, EC or ENCRYPTED PRIVATE KEY)" + found(blocks)));
        if (block.headers()) {
            throw new IllegalArgumentException(source + ": the key is encrypted the legacy OpenSSL way (Proc-Type"
                    + " header), which the JDK cannot read; convert it with: openssl pkcs8 -topk8 -v2 aes-256-cbc");
        }
        try {
            byte[] pkcs8 = switch (block.label()) {
                case "PRIVATE KEY" -> block.der();
                case "RSA PRIVATE KEY" -> Pkcs8.fromPkcs1(block.der());
                case "EC PRIVATE KEY" -> Pkcs8.fromSec1(block.der());
                case "ENCRYPTED PRIVATE KEY" -> EncryptedPkcs8.decrypt(block.der(), password);
                case "OPENSSH PRIVATE KEY" -> throw new IllegalArgumentException("an OpenSSH key is not a TLS key"
                        + " format; convert it with: ssh-keygen -p -m PKCS8 -f FILE");
                default -> throw new IllegalArgumentException("unsupported key block \"" + block.label()
                        + "\"; supported: PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY, ENCRYPTED PRIVATE KEY");
            };
            return Pkcs8.toKey(pkcs8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e.getCause());
        }
    }

    private static List<PemBlock> blocks(String text, String source) {
        try {
            return PemBlock.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e.getCause());
        }
    }

    private static String found(List<PemBlock> blocks) {
        return blocks.isEmpty() ? " (no PEM block at all: is it DER, or empty?)" : " (found: "
                + String.join(", ", PemBlock.labels(blocks)) + ")";
    }

    private static String read(Path file, String what) {
        try {
            // ISO-8859-1 maps every byte: a binary (DER) file then fails as "no PEM block", not as a charset error.
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the " + what + " file " + file + ": " + e, e);
        }
    }
}
