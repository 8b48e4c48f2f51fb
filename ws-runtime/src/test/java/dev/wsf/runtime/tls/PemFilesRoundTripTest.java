package dev.wsf.runtime.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.testkit.tls.CertificateAuthority;
import dev.wsf.testkit.tls.CertificateSpec;
import dev.wsf.testkit.tls.Credential;
import dev.wsf.testkit.tls.KeyType;
import dev.wsf.testkit.tls.LoopbackHandshake;
import dev.wsf.testkit.tls.TestCertificates;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PEM files as the testkit writes them, read back by {@link PemFiles} and served over TLS: the path
 * the engine's TLS tests will take. Needs no openssl, so it runs everywhere.
 */
class PemFilesRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void pemFilesOfTheTestkitServeTlsToAClientTrustingItsCa() throws Exception {
        CertificateAuthority ca = TestCertificates.newAuthority();
        Credential issued = ca.issue(CertificateSpec.localhost().withKeyType(KeyType.EC_P384));
        Credential.PemPaths files = issued.writePem(dir, "server");

        assertEquals(issued.chain(), PemFiles.certificates(files.certificates()));
        assertEquals(issued.key(), PemFiles.privateKey(files.privateKey(), null));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(PemFiles.keyStore(files.certificates(), files.privateKey(), null), new char[0]);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(keys.getKeyManagers(), null, null);

        LoopbackHandshake.Outcome outcome = LoopbackHandshake.run(server, false, ca.trustingOnly(), "127.0.0.1", "TLSv1.3");
        assertTrue(outcome.succeeded(), () -> "client: " + outcome.clientFailure() + ", server: " + outcome.serverFailure());
        assertEquals(List.of(issued.certificate()), outcome.serverChain());
    }

    @Test
    void aKeyOfAnotherCertificateIsCaughtBeforeAnyHandshake() {
        CertificateAuthority ca = TestCertificates.newAuthority();
        Path certificate = ca.issue().writePem(dir, "one").certificates();
        Path otherKey = ca.issue().writePem(dir, "two").privateKey();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PemFiles.keyStore(certificate, otherKey, null));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }
}
