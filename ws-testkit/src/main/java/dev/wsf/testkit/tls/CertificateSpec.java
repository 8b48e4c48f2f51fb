package dev.wsf.testkit.tls;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a leaf (or self-signed) test certificate says: its subject, the names it is valid for, when
 * it is valid and its key. Immutable; {@link #localhost()} gives the usual one and the
 * {@code with...} methods change one thing, so a test reads as the difference it makes:
 * {@code CertificateSpec.localhost().withDnsNames("example.com")}.
 *
 * @param ipAddresses IP literals only ("127.0.0.1", "::1"): never a name to resolve
 */
public record CertificateSpec(String commonName, List<String> dnsNames, List<String> ipAddresses, Instant notBefore,
        Instant notAfter, KeyType keyType) {

    public CertificateSpec {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        if (!notBefore.isBefore(notAfter)) {
            throw new IllegalArgumentException("notBefore " + notBefore + " is not before notAfter " + notAfter);
        }
    }

    /**
     * CN=localhost with DNS:localhost, IP:127.0.0.1 and IP:::1, an EC P-256 key, valid from an
     * hour ago (clocks differ a little) for 30 days.
     */
    public static CertificateSpec localhost() {
        Instant now = Instant.now();
        return new CertificateSpec("localhost", List.of("localhost"), List.of("127.0.0.1", "::1"),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), KeyType.EC_P256);
    }

    public CertificateSpec withCommonName(String name) {
        return new CertificateSpec(name, dnsNames, ipAddresses, notBefore, notAfter, keyType);
    }

    /** Replaces the DNS names (none: {@code withDnsNames()}). */
    public CertificateSpec withDnsNames(String... names) {
        return new CertificateSpec(commonName, List.of(names), ipAddresses, notBefore, notAfter, keyType);
    }

    /** Replaces the IP addresses (none: {@code withIpAddresses()}). */
    public CertificateSpec withIpAddresses(String... literals) {
        return new CertificateSpec(commonName, dnsNames, List.of(literals), notBefore, notAfter, keyType);
    }

    public CertificateSpec withValidity(Instant from, Instant until) {
        return new CertificateSpec(commonName, dnsNames, ipAddresses, from, until, keyType);
    }

    public CertificateSpec withKeyType(KeyType type) {
        return new CertificateSpec(commonName, dnsNames, ipAddresses, notBefore, notAfter, type);
    }

    /** Valid two days ago until yesterday. */
    public CertificateSpec expired() {
        Instant now = Instant.now();
        return withValidity(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
    }

    /** Valid from tomorrow. */
    public CertificateSpec notYetValid() {
        Instant now = Instant.now();
        return withValidity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)));
    }
}
