package dev.wsf.testkit.tls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;

/**
 * The X.509 v3 extensions of RFC 5280 section 4.2 that test certificates carry, each encoded as an
 * Extension: {@code SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }}.
 */
final class Extensions {
    /** KeyUsage bits, numbered from the most significant bit of the first byte (RFC 5280 4.2.1.3). */
    static final int DIGITAL_SIGNATURE = 0;
    static final int KEY_ENCIPHERMENT = 2;
    static final int KEY_CERT_SIGN = 5;
    static final int CRL_SIGN = 6;

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private Extensions() {
    }

    /** basicConstraints, critical: {@code cA TRUE} for an authority; an empty sequence (cA FALSE) otherwise. */
    static byte[] basicConstraints(boolean ca) {
        return extension("2.5.29.19", true, ca ? Der.sequence(Der.bool(true)) : Der.sequence());
    }

    /** keyUsage, critical, as a DER named bit string: trailing zero bits dropped and counted as unused. */
    static byte[] keyUsage(int... bits) {
        int highest = Arrays.stream(bits).max().orElseThrow();
        byte[] value = new byte[highest / 8 + 1];
        for (int bit : bits) {
            value[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        int unused = 7 - highest % 8;
        return extension("2.5.29.15", true, Der.bitString(value, unused));
    }

    /** extKeyUsage: serverAuth and clientAuth, so one certificate serves both ends of mutual TLS. */
    static byte[] serverAndClientAuth() {
        return extension("2.5.29.37", false, Der.sequence(Der.oid(SERVER_AUTH), Der.oid(CLIENT_AUTH)));
    }

    /**
     * subjectAltName: dNSName is {@code [2] IMPLICIT IA5String}, iPAddress {@code [7] IMPLICIT OCTET
     * STRING} of 4 or 16 bytes. Not critical, since the subject name is not empty.
     */
    static byte[] subjectAltName(List<String> dnsNames, List<byte[]> ipAddresses) {
        byte[][] names = new byte[dnsNames.size() + ipAddresses.size()][];
        int i = 0;
        for (String dns : dnsNames) {
            names[i++] = Der.implicitPrimitive(2, dns.getBytes(StandardCharsets.US_ASCII));
        }
        for (byte[] ip : ipAddresses) {
            names[i++] = Der.implicitPrimitive(7, ip);
        }
        return extension("2.5.29.17", false, Der.sequence(names));
    }

    static byte[] subjectKeyIdentifier(PublicKey key) {
        return extension("2.5.29.14", false, Der.octetString(keyIdentifier(key)));
    }

    /** authorityKeyIdentifier: {@code SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING }}. */
    static byte[] authorityKeyIdentifier(PublicKey issuerKey) {
        return extension("2.5.29.35", false, Der.sequence(Der.implicitPrimitive(0, keyIdentifier(issuerKey))));
    }

    /**
     * 160 bits of SHA-256 over the whole SubjectPublicKeyInfo. RFC 5280 4.2.1.2 hashes only the
     * key's BIT STRING but accepts any method giving unique values; this one needs no DER parsing.
     */
    private static byte[] keyIdentifier(PublicKey key) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));   // DER omits a DEFAULT FALSE
    }
}
