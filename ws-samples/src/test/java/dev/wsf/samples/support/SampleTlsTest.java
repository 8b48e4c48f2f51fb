package dev.wsf.samples.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.samples.testing.Trusting;
import dev.wsf.testkit.tls.Credential;
import dev.wsf.testkit.tls.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples' TLS switches: which certificate each combination serves, and the ones refused. */
class SampleTlsTest {
    @TempDir
    Path dir;

    @Test
    void withoutSwitchesTheSamplesServePlainWebSockets() {
        assertEquals(Optional.empty(), SampleTls.from(Map.<String, String>of()::get));
        assertEquals(Optional.empty(), SampleTls.from(Map.of("tls", "false")::get));
    }

    @Test
    void tlsTrueMakesAThrowawayCertificateForTheLoopbackNames() throws Exception {
        SampleTls tls = SampleTls.from(Map.of("tls", "true")::get).orElseThrow();
        assertTrue(tls.isThrowaway());
        assertTrue(tls.server().pem().isPresent(), "served from the PEM files it wrote");
        Path key = tls.server().pem().get().privateKey();
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals(tls.trustFile().getParent(), key.getParent());
        assertTrue(tls.trustFile().startsWith(Path.of(System.getProperty("java.io.tmpdir"))), tls.trustFile().toString());

        X509Certificate certificate = Trusting.certificates(tls.trustFile()).get(0);
        assertEquals(tls.certificate(), certificate);
        assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal(), "self-signed");
        assertEquals(List.of("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1"),
                certificate.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList());

        String notes = String.join("\n", tls.notes());
        assertTrue(notes.contains("self-signed certificate at start for localhost, 127.0.0.1 and ::1, valid 30 days"), notes);
        assertTrue(notes.contains("certificate " + tls.trustFile() + ", key " + key), notes);
    }

    @Test
    void theSpkiPinIsTheSha256OfTheSubjectPublicKeyInfo() throws Exception {
        SampleTls tls = SampleTls.throwaway();
        byte[] pin = Base64.getDecoder().decode(tls.spkiSha256());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(tls.certificate().getPublicKey().getEncoded()), pin);
        assertEquals(32, pin.length);
    }

    @Test
    void pemFilesAreServedAsGivenAndTheirChainIsWhatClientsTrust() {
        Credential.PemPaths pem = TestCertificates.selfSigned().writePem(dir, "server");
        SampleTls tls = SampleTls.from(Map.of("tls.cert", pem.certificates().toString(),
                "tls.key", pem.privateKey().toString())::get).orElseThrow();
        assertFalse(tls.isThrowaway());
        assertEquals(pem.certificates(), tls.server().pem().orElseThrow().certificateChain());
        assertEquals(pem.certificates(), tls.trustFile());
        assertTrue(tls.notes().get(0).startsWith("TLS: serving the certificate in " + pem.certificates()), tls.notes().toString());
    }

    @Test
    void aKeyStoreIsServedAndItsCertificateExportedAsPemForClients() throws Exception {
        Credential credential = TestCertificates.selfSigned();
        Path store = credential.writePkcs12(dir.resolve("server.p12"), "s3cret".toCharArray());
        SampleTls tls = SampleTls.from(Map.of("tls.keystore", store.toString(), "tls.password", "s3cret")::get)
                .orElseThrow();
        assertEquals(store, tls.server().keyStore().orElseThrow().path());
        assertEquals(List.of(credential.certificate()), Trusting.certificates(tls.trustFile()));
        assertTrue(String.join("\n", tls.notes()).contains("its certificate chain, PEM, is in " + tls.trustFile()),
                tls.notes().toString());
    }

    @Test
    void contradictoryOrUnusableSwitchesAreRefusedWithWhatToDo() {
        Credential.PemPaths pem = TestCertificates.selfSigned().writePem(dir, "server");
        Path store = TestCertificates.selfSigned().writePkcs12(dir.resolve("server.p12"), "s3cret".toCharArray());
        assertRefused("-Dtls.cert and -Dtls.key go together", Map.of("tls.cert", pem.certificates().toString()));
        assertRefused("not both", Map.of("tls.keystore", store.toString(), "tls.cert", pem.certificates().toString(),
                "tls.key", pem.privateKey().toString()));
        assertRefused("-Dtls=false, yet", Map.of("tls", "false", "tls.keystore", store.toString()));
        assertRefused("wrong or missing -Dtls.password", Map.of("tls.keystore", store.toString(), "tls.password", "no"));
        assertRefused("is not a PEM certificate chain", Map.of("tls.cert", pem.privateKey().toString(),
                "tls.key", pem.privateKey().toString()));
        assertRefused("-Dtls.key=" + dir.resolve("missing.key") + ": no such file",
                Map.of("tls.cert", pem.certificates().toString(), "tls.key", dir.resolve("missing.key").toString()));
    }

    private static void assertRefused(String why, Map<String, String> properties) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleTls.from(properties::get));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
