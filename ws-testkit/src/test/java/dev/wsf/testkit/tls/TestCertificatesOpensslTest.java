package dev.wsf.testkit.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated certificates, keys and key stores as openssl sees them: it parses every field we
 * encode, verifies the chains, and reads the PKCS#12 file. Skipped when openssl is missing.
 */
class TestCertificatesOpensslTest {
    @TempDir
    static Path dir;
    private static CertificateAuthority ca;

    @BeforeAll
    static void writeTheCa() {
        assumeTrue(Openssl.available(), "openssl is not installed");
        ca = TestCertificates.newAuthority();
        ca.writeCertificate(dir.resolve("ca.crt"));
    }

    @Test
    void theCaIsACaToOpenssl() {
        String text = openssl("x509", "-in", "ca.crt", "-noout", "-text");
        assertContains(text, "Subject: CN = wsf test CA");
        assertContains(text, "Issuer: CN = wsf test CA");
        assertContains(text, "Signature Algorithm: ecdsa-with-SHA256");
        assertContains(text, "ASN1 OID: prime256v1");
        assertContains(text, "X509v3 Basic Constraints: critical\n                CA:TRUE");
        assertContains(text, "X509v3 Key Usage: critical\n                Certificate Sign, CRL Sign");
        assertContains(text, "Version: 3 (0x2)");
        assertContains(openssl("verify", "-x509_strict", "-CAfile", "ca.crt", "ca.crt"), "ca.crt: OK");
    }

    @Test
    void aLeafHasItsNamesUsagesAndAKeyIdentifierLinkingItToTheCa() {
        Credential.PemPaths leaf = ca.issue().writePem(dir, "leaf");
        String text = openssl("x509", "-in", "leaf.crt", "-noout", "-text");
        assertContains(text, "Subject: CN = localhost");
        assertContains(text, "Issuer: CN = wsf test CA");
        assertContains(text, "DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1");
        assertContains(text, "TLS Web Server Authentication, TLS Web Client Authentication");
        assertContains(text, "X509v3 Basic Constraints: critical\n                CA:FALSE");
        assertContains(text, "X509v3 Key Usage: critical\n                Digital Signature\n");
        String caKeyId = keyIdentifier(openssl("x509", "-in", "ca.crt", "-noout", "-text"), "X509v3 Subject Key Identifier:");
        assertEquals(caKeyId, keyIdentifier(text, "X509v3 Authority Key Identifier:"));

        for (String purpose : new String[] {"sslserver", "sslclient"}) {
            assertContains(openssl("verify", "-x509_strict", "-purpose", purpose, "-CAfile", "ca.crt", "leaf.crt"), "leaf.crt: OK");
        }
        // The key file holds the certificate's key: openssl derives the same public key from both.
        assertEquals(openssl("x509", "-in", "leaf.crt", "-noout", "-pubkey"), openssl("pkey", "-in", "leaf.key", "-pubout"));
        assertTrue(leaf.privateKey().endsWith("leaf.key"));
    }

    @Test
    void opensslRefusesAnExpiredLeafAndOneOfAnotherCa() {
        ca.issue(CertificateSpec.localhost().expired()).writePem(dir, "expired");
        Openssl.Result expired = Openssl.tryRun(dir, "verify", "-CAfile", "ca.crt", "expired.crt");
        assertFalse(expired.ok());
        assertContains(expired.output(), "certificate has expired");

        TestCertificates.newAuthority("another test CA", KeyType.EC_P256).issue().writePem(dir, "stranger");
        Openssl.Result stranger = Openssl.tryRun(dir, "verify", "-CAfile", "ca.crt", "stranger.crt");
        assertFalse(stranger.ok());
        assertContains(stranger.output(), "unable to get local issuer certificate");
    }

    @Test
    void theSelfSignedCertificateVerifiesAgainstItself() {
        TestCertificates.selfSigned().writePem(dir, "self");
        String text = openssl("x509", "-in", "self.crt", "-noout", "-text");
        assertContains(text, "Subject: CN = localhost");
        assertContains(text, "Issuer: CN = localhost");
        assertContains(text, "DNS:localhost, IP Address:127.0.0.1");
        assertContains(openssl("verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", "self.crt", "self.crt"), "self.crt: OK");
    }

    /** One RSA authority (the slow part): its SHA256withRSA signature, and an EC P-384 leaf under it. */
    @Test
    void rsaSignaturesAndP384KeysAsOpensslSeesThem() {
        CertificateAuthority rsa = TestCertificates.newAuthority("wsf test RSA CA", KeyType.RSA_2048);
        rsa.writeCertificate(dir.resolve("rsa-ca.crt"));
        rsa.issue(CertificateSpec.localhost().withKeyType(KeyType.EC_P384)).writePem(dir, "p384");
        String text = openssl("x509", "-in", "p384.crt", "-noout", "-text");
        assertContains(text, "Signature Algorithm: sha256WithRSAEncryption");
        assertContains(text, "NIST CURVE: P-384");
        assertContains(openssl("verify", "-x509_strict", "-CAfile", "rsa-ca.crt", "p384.crt"), "p384.crt: OK");
        assertContains(openssl("x509", "-in", "rsa-ca.crt", "-noout", "-text"), "Public-Key: (2048 bit)");
    }

    /** Dates from 2050 on are GeneralizedTime (RFC 5280 4.1.2.5); both forms read back to the second. */
    @Test
    void validityDatesSurviveBothTimeEncodings() {
        Instant from = Instant.parse("2049-12-31T23:59:58Z");
        Instant until = Instant.parse("2051-01-02T03:04:05Z");
        Credential far = ca.issue(CertificateSpec.localhost().withValidity(from, until));
        assertEquals(Date.from(from), far.certificate().getNotBefore());
        assertEquals(Date.from(until), far.certificate().getNotAfter());
        far.writePem(dir, "far");
        String text = openssl("x509", "-in", "far.crt", "-noout", "-dates");
        assertContains(text, "notBefore=Dec 31 23:59:58 2049 GMT");
        assertContains(text, "notAfter=Jan  2 03:04:05 2051 GMT");
    }

    @Test
    void thePkcs12FileOpensWithItsPasswordOnly() {
        ca.issue().writePkcs12(dir.resolve("leaf.p12"), "changeit".toCharArray());
        String certs = openssl("pkcs12", "-in", "leaf.p12", "-passin", "pass:changeit", "-nokeys");
        assertContains(certs, "subject=CN = localhost");
        assertContains(certs, "friendlyName: " + Credential.ALIAS);
        assertTrue(Openssl.tryRun(dir, "pkcs12", "-in", "leaf.p12", "-passin", "pass:changeit", "-noout").ok());
        assertFalse(Openssl.tryRun(dir, "pkcs12", "-in", "leaf.p12", "-passin", "pass:wrong", "-noout").ok());
    }

    /** "keyid:AB:CD:..." or "AB:CD:..." on the line after {@code heading}. */
    private static String keyIdentifier(String text, String heading) {
        String after = text.substring(text.indexOf(heading) + heading.length()).strip();
        String line = after.lines().findFirst().orElseThrow().strip();
        return line.startsWith("keyid:") ? line.substring("keyid:".length()) : line;
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), () -> "expected \"" + part + "\" in:\n" + text);
    }

    private static String openssl(String... args) {
        return Openssl.run(dir, args);
    }
}
