package dev.wsf.testkit.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.testkit.tls.LoopbackHandshake.Outcome;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated certificates against the JDK's own TLS: a {@code SSLServerSocket} presents them,
 * an {@code SSLSocket} that trusts only the test CA checks them with "HTTPS" endpoint
 * identification. They must work where they should, and fail for the reason they should.
 */
class TestCertificatesHandshakeTest {
    private static CertificateAuthority ca;
    private static CertificateAuthority otherCa;
    private static Credential localhost;

    @BeforeAll
    static void issue() {
        ca = TestCertificates.newAuthority();
        otherCa = TestCertificates.newAuthority("another test CA", KeyType.EC_P256);
        localhost = ca.issue();
    }

    @ParameterizedTest
    @CsvSource({"localhost, TLSv1.3", "localhost, TLSv1.2", "127.0.0.1, TLSv1.3", "::1, TLSv1.2"})
    void aLeafOfTheCaIsTrustedForEachOfItsNames(String host, String protocol) {
        Outcome outcome = handshake(TestCertificates.withKey(localhost), ca.trustingOnly(), host, protocol);
        assertSucceeded(outcome);
        assertEquals(protocol, outcome.protocol());
        assertEquals(localhost.certificate(), outcome.serverChain().get(0));
    }

    /** RSA both ways: an RSA CA signs (SHA256withRSA) an RSA leaf (keyEncipherment, RSA suites in 1.2). */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void rsaKeysWorkToo(String protocol) {
        CertificateAuthority rsaCa = RsaFixture.CA;
        Outcome outcome = handshake(TestCertificates.withKey(RsaFixture.LEAF), rsaCa.trustingOnly(), "localhost", protocol);
        assertSucceeded(outcome);
        assertEquals("RSA", outcome.serverChain().get(0).getPublicKey().getAlgorithm());
    }

    // The checks below belong to the trust manager, the same for every protocol version: one each.

    @Test
    void anExpiredCertificateIsRefused() {
        Credential expired = ca.issue(CertificateSpec.localhost().expired());
        assertClientRefused(handshake(TestCertificates.withKey(expired), ca.trustingOnly(), "localhost", "TLSv1.3"),
                CertificateExpiredException.class, null);
    }

    @Test
    void aCertificateNotYetValidIsRefused() {
        Credential future = ca.issue(CertificateSpec.localhost().notYetValid());
        assertClientRefused(handshake(TestCertificates.withKey(future), ca.trustingOnly(), "localhost", "TLSv1.2"),
                CertificateNotYetValidException.class, null);
    }

    @ParameterizedTest
    @CsvSource({"localhost, TLSv1.3", "127.0.0.1, TLSv1.2", "::1, TLSv1.3"})
    void aCertificateForAnotherHostIsRefused(String host, String protocol) {
        Credential elsewhere = ca.issue(CertificateSpec.localhost().withCommonName("example.com")
                .withDnsNames("example.com").withIpAddresses("192.0.2.1"));
        assertClientRefused(handshake(TestCertificates.withKey(elsewhere), ca.trustingOnly(), host, protocol),
                CertificateException.class, "No subject alternative");
    }

    @Test
    void aCertificateSignedByAnotherCaIsRefused() {
        Credential stranger = otherCa.issue();
        assertClientRefused(handshake(TestCertificates.withKey(stranger), ca.trustingOnly(), "localhost", "TLSv1.3"),
                CertPathBuilderException.class, null);
    }

    @Test
    void theSelfSignedCertificateIsTrustedByAClientThatTrustsIt() {
        Credential self = TestCertificates.selfSigned();
        SSLContext client = TestCertificates.trustingOnly(self.certificate());
        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            assertSucceeded(handshake(TestCertificates.withKey(self), client, host, "TLSv1.3"));
        }
        assertClientRefused(handshake(TestCertificates.withKey(self), ca.trustingOnly(), "localhost", "TLSv1.3"),
                CertPathBuilderException.class, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void mutualTlsAcceptsAClientOfTheCaAndRefusesOthers(String protocol) {
        SSLContext server = TestCertificates.withKey(localhost, ca.certificate());
        Credential client = ca.issue(CertificateSpec.localhost().withCommonName("client").withDnsNames().withIpAddresses());
        assertSucceeded(LoopbackHandshake.run(server, true, TestCertificates.withKey(client, ca.certificate()),
                "localhost", protocol));

        Outcome anonymous = LoopbackHandshake.run(server, true, ca.trustingOnly(), "localhost", protocol);
        assertNotNull(anonymous.serverFailure(), "the server accepted a client without a certificate");
        assertFalse(anonymous.succeeded());

        // The server names its CA in the CertificateRequest, and the JDK client does not even offer a
        // certificate of another: the server sees an empty chain and refuses.
        Outcome stranger = LoopbackHandshake.run(server, true, TestCertificates.withKey(otherCa.issue(), ca.certificate()),
                "localhost", protocol);
        assertNotNull(stranger.serverFailure(), "the server accepted a client with a certificate of another CA");
        assertTrue(causes(stranger.serverFailure(), SSLHandshakeException.class, "Empty client certificate chain"),
                () -> trace(stranger.serverFailure()));
    }

    /** Created on first use only: RSA keys take long to generate, and only one test needs them. */
    private static final class RsaFixture {
        static final CertificateAuthority CA = TestCertificates.newAuthority("wsf test RSA CA", KeyType.RSA_2048);
        static final Credential LEAF = CA.issue(CertificateSpec.localhost().withKeyType(KeyType.RSA_2048));
    }

    private static Outcome handshake(SSLContext server, SSLContext client, String host, String protocol) {
        return LoopbackHandshake.run(server, false, client, host, protocol);
    }

    private static void assertSucceeded(Outcome outcome) {
        assertTrue(outcome.succeeded(), () -> "client: " + trace(outcome.clientFailure()) + "\nserver: "
                + trace(outcome.serverFailure()));
    }

    /** The client refused the server, because of a {@code type} somewhere in the cause chain. */
    private static void assertClientRefused(Outcome outcome, Class<? extends Throwable> type, String messagePart) {
        assertNotNull(outcome.clientFailure(), "the client accepted the certificate");
        assertTrue(causes(outcome.clientFailure(), type, messagePart),
                () -> "expected " + type.getSimpleName() + " in:\n" + trace(outcome.clientFailure()));
    }

    private static boolean causes(Throwable failure, Class<? extends Throwable> type, String messagePart) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t) && (messagePart == null || String.valueOf(t.getMessage()).contains(messagePart))) {
                return true;
            }
        }
        return false;
    }

    private static String trace(Throwable failure) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            s.append(t).append('\n');
        }
        return s.toString();
    }
}
