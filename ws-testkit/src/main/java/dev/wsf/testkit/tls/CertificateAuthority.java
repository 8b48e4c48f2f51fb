package dev.wsf.testkit.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A throwaway certificate authority for tests: a self-signed root ({@code cA TRUE}, keyUsage
 * keyCertSign and cRLSign) whose key signs leaf certificates. Peers trust this root and nothing
 * else ({@link #trustingOnly()}), so a test proves verification works rather than switching it off.
 * Thread-safe: immutable after construction.
 */
public final class CertificateAuthority {
    private final KeyPair keys;
    private final KeyType keyType;
    private final X509Certificate certificate;

    CertificateAuthority(String commonName, KeyType keyType) {
        this.keyType = keyType;
        this.keys = keyType.generate();
        Instant now = Instant.now();
        this.certificate = new CertificateBuilder()
                .subject(commonName, keys.getPublic())
                .selfIssued()
                .validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)))
                .extension(Extensions.basicConstraints(true))
                .extension(Extensions.keyUsage(Extensions.KEY_CERT_SIGN, Extensions.CRL_SIGN))
                .extension(Extensions.subjectKeyIdentifier(keys.getPublic()))
                .signWith(keys.getPrivate(), keyType);
    }

    /** The root certificate: what peers put in their trust store. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** A leaf for {@link CertificateSpec#localhost()}. */
    public Credential issue() {
        return issue(CertificateSpec.localhost());
    }

    /**
     * A leaf certificate for {@code spec}, signed by this authority, with a fresh key: not a CA,
     * keyUsage digitalSignature (and keyEncipherment for RSA, which TLS 1.2 RSA key exchange
     * needs), extKeyUsage serverAuth and clientAuth, the spec's names as subjectAltName.
     */
    public Credential issue(CertificateSpec spec) {
        KeyPair leaf = spec.keyType().generate();
        X509Certificate issued = leafBuilder(spec, leaf)
                .issuer(certificate)
                .extension(Extensions.authorityKeyIdentifier(keys.getPublic()))
                .signWith(keys.getPrivate(), keyType);
        return new Credential(List.of(issued), leaf.getPrivate());
    }

    /** A client {@link SSLContext} trusting this authority only. */
    public SSLContext trustingOnly() {
        return TestCertificates.trustingOnly(certificate);
    }

    /** Writes the root certificate as PEM to {@code file} (a CA file for openssl, or a trust file) and returns it. */
    public Path writeCertificate(Path file) {
        try {
            Files.writeString(file, PemWriter.certificates(List.of(certificate)), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** The extensions every end-entity certificate has, issued or self-signed. */
    static CertificateBuilder leafBuilder(CertificateSpec spec, KeyPair leaf) {
        int[] usage = spec.keyType() == KeyType.RSA_2048
                ? new int[] {Extensions.DIGITAL_SIGNATURE, Extensions.KEY_ENCIPHERMENT}
                : new int[] {Extensions.DIGITAL_SIGNATURE};
        return new CertificateBuilder()
                .subject(spec.commonName(), leaf.getPublic())
                .validity(spec.notBefore(), spec.notAfter())
                .extension(Extensions.basicConstraints(false))
                .extension(Extensions.keyUsage(usage))
                .extension(Extensions.serverAndClientAuth())
                .subjectAltNames(spec)
                .extension(Extensions.subjectKeyIdentifier(leaf.getPublic()));
    }
}
