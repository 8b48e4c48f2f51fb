package dev.wsf.testkit.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds and signs one X.509 v3 certificate (RFC 5280 section 4.1):
 * <pre>
 * Certificate    ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
 * TBSCertificate ::= SEQUENCE { [0] EXPLICIT version v3, serialNumber, signature, issuer, validity,
 *                               subject, subjectPublicKeyInfo, [3] EXPLICIT extensions }
 * </pre>
 * The JDK parses the result back, so what the tests get is the JDK's own view of our bytes.
 */
final class CertificateBuilder {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<byte[]> extensions = new ArrayList<>();
    private byte[] subject;
    private byte[] issuer;
    private PublicKey subjectKey;
    private Instant notBefore;
    private Instant notAfter;

    CertificateBuilder subject(String commonName, PublicKey key) {
        this.subject = name(commonName);
        this.subjectKey = key;
        return this;
    }

    /** The issuer's subject exactly as encoded in its certificate, so that chains link byte for byte. */
    CertificateBuilder issuer(X509Certificate issuerCertificate) {
        this.issuer = issuerCertificate.getSubjectX500Principal().getEncoded();
        return this;
    }

    CertificateBuilder selfIssued() {
        this.issuer = subject;
        return this;
    }

    CertificateBuilder validity(Instant from, Instant until) {
        this.notBefore = from;
        this.notAfter = until;
        return this;
    }

    CertificateBuilder extension(byte[] extension) {
        extensions.add(extension);
        return this;
    }

    /** Adds the subjectAltName of a spec's DNS names and IP literals, if it has any. */
    CertificateBuilder subjectAltNames(CertificateSpec spec) {
        List<byte[]> ips = spec.ipAddresses().stream().map(CertificateBuilder::ipBytes).toList();
        return spec.dnsNames().isEmpty() && ips.isEmpty() ? this
                : extension(Extensions.subjectAltName(spec.dnsNames(), ips));
    }

    X509Certificate signWith(PrivateKey issuerKey, KeyType issuerType) {
        byte[] algorithm = issuerType.signatureAlgorithmIdentifier();
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(2)),   // v3
                Der.integer(serialNumber()),
                algorithm,
                issuer,
                Der.sequence(Der.time(notBefore), Der.time(notAfter)),
                subject,
                subjectKey.getEncoded(),           // the JDK encodes public keys as SubjectPublicKeyInfo
                Der.explicit(3, Der.sequence(extensions.toArray(new byte[0][]))));
        try {
            Signature signature = Signature.getInstance(issuerType.signatureAlgorithm());
            signature.initSign(issuerKey);
            signature.update(tbs);
            byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(signature.sign()));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test certificate with " + issuerType, e);
        }
    }

    /** A Name of one RDN, CN=commonName: PrintableString when it fits (as OpenSSL writes), else UTF8String. */
    static byte[] name(String commonName) {
        byte[] value = Der.isPrintable(commonName) ? Der.printableString(commonName) : Der.utf8String(commonName);
        return Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), value)));
    }

    /** 64 random bits, positive and non-zero (RFC 5280 4.1.2.2), unique enough for tests. */
    private static BigInteger serialNumber() {
        return new BigInteger(64, RANDOM).setBit(62);
    }

    /** The 4 or 16 bytes of an IP literal; a name would mean a DNS lookup, so it is refused. */
    private static byte[] ipBytes(String literal) {
        if (!IPV4.matcher(literal).matches() && !literal.contains(":")) {
            throw new IllegalArgumentException("not an IP literal: " + literal + " (put names in the DNS names)");
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }
}
