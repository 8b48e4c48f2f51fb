package dev.wsf.runtime.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wsf.testkit.tls.LoopbackHandshake;
import dev.wsf.testkit.tls.Openssl;
import dev.wsf.testkit.tls.TestCertificates;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PEM keys and certificates written by {@code openssl} at test time, in every form it writes them,
 * read by {@link PemFiles} and then checked against openssl again (signatures it verifies, the
 * fingerprints it prints) and against the JDK's TLS (a handshake with the key store).
 */
class PemFilesTest {
    private static final char[] PASSWORD = "s3cret".toCharArray();

    @TempDir
    static Path dir;

    @BeforeAll
    static void generateWithOpenssl() {
        assumeTrue(Openssl.available(), "openssl is not installed");
        // One RSA key for the whole class: generating them is slow.
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa-pkcs8.key");
        openssl("rsa", "-in", "rsa-pkcs8.key", "-traditional", "-out", "rsa-pkcs1.key");
        encrypt("rsa-pkcs8.key", "rsa-encrypted.key");
        selfSigned("rsa-pkcs8.key", "rsa.crt");
        for (String[] curve : new String[][] {{"p256", "prime256v1"}, {"p384", "secp384r1"}}) {
            String name = curve[0];
            // Without -noout: the file starts with an EC PARAMETERS block, as many guides produce it.
            openssl("ecparam", "-name", curve[1], "-genkey", "-out", name + "-sec1.key");
            openssl("pkcs8", "-topk8", "-nocrypt", "-in", name + "-sec1.key", "-out", name + "-pkcs8.key");
            encrypt(name + "-sec1.key", name + "-encrypted.key");
            selfSigned(name + "-sec1.key", name + ".crt");
        }
        for (String edwards : List.of("ed25519", "ed448")) {
            openssl("genpkey", "-algorithm", edwards, "-out", edwards + ".key");
            selfSigned(edwards + ".key", edwards + ".crt");
        }
        openssl("pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES", "-in", "p256-sec1.key", "-passout", "pass:" + new String(PASSWORD),
                "-out", "p256-pbe-v1.key");
    }

    @Test
    void anRsaKeyReadsTheSameFromPkcs8Pkcs1AndEncryptedPkcs8() {
        RSAPrivateCrtKey pkcs8 = (RSAPrivateCrtKey) PemFiles.privateKey(dir.resolve("rsa-pkcs8.key"), null);
        for (String file : List.of("rsa-pkcs1.key", "rsa-encrypted.key")) {
            RSAPrivateCrtKey other = assertInstanceOf(RSAPrivateCrtKey.class, PemFiles.privateKey(dir.resolve(file), PASSWORD));
            assertEquals(pkcs8.getModulus(), other.getModulus(), file);
            assertEquals(pkcs8.getPrivateExponent(), other.getPrivateExponent(), file);
            PemFiles.keyStore(dir.resolve("rsa.crt"), dir.resolve(file), PASSWORD);   // matches the certificate
        }
        assertEquals(2048, pkcs8.getModulus().bitLength());
    }

    @ParameterizedTest
    @CsvSource({"p256, 256", "p384, 384"})
    void anEcKeyReadsTheSameFromSec1Pkcs8AndEncryptedPkcs8(String curve, int bits) {
        BigInteger secret = null;
        for (String form : List.of("-sec1.key", "-pkcs8.key", "-encrypted.key")) {
            ECPrivateKey key = assertInstanceOf(ECPrivateKey.class, PemFiles.privateKey(dir.resolve(curve + form), PASSWORD));
            assertEquals(bits, key.getParams().getCurve().getField().getFieldSize(), form);
            if (secret == null) {
                secret = key.getS();
            }
            assertEquals(secret, key.getS(), form);
            PemFiles.keyStore(dir.resolve(curve + ".crt"), dir.resolve(curve + form), PASSWORD);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "ed448"})
    void edwardsCurveKeysReadFromPkcs8(String name) {
        PrivateKey key = PemFiles.privateKey(dir.resolve(name + ".key"), null);
        assertEquals("EdDSA", key.getAlgorithm());
        PemFiles.keyStore(dir.resolve(name + ".crt"), dir.resolve(name + ".key"), null);
    }

    /** The older PKCS#5 v1.5 / PKCS#12 schemes ({@code openssl pkcs8 -v1}) are decrypted by the JDK too. */
    @Test
    void aKeyEncryptedWithAPkcs12PbeV1SchemeReads() {
        ECPrivateKey key = (ECPrivateKey) PemFiles.privateKey(dir.resolve("p256-pbe-v1.key"), PASSWORD);
        assertEquals(((ECPrivateKey) PemFiles.privateKey(dir.resolve("p256-sec1.key"), null)).getS(), key.getS());
    }

    /** The strongest check that we read the key openssl wrote: openssl verifies what it signs. */
    @ParameterizedTest
    @CsvSource({"rsa-pkcs1.key, rsa.crt, SHA256withRSA", "p256-sec1.key, p256.crt, SHA256withECDSA",
            "p384-encrypted.key, p384.crt, SHA256withECDSA"})
    void keysReadHereSignWhatOpensslVerifies(String keyFile, String certFile, String algorithm) throws Exception {
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(PemFiles.privateKey(dir.resolve(keyFile), PASSWORD));
        byte[] data = ("signed with " + keyFile).getBytes(StandardCharsets.UTF_8);
        signer.update(data);
        Files.write(dir.resolve(keyFile + ".data"), data);
        Files.write(dir.resolve(keyFile + ".sig"), signer.sign());
        openssl("x509", "-in", certFile, "-pubkey", "-noout", "-out", certFile + ".pub");
        String out = openssl("dgst", "-sha256", "-verify", certFile + ".pub", "-signature", keyFile + ".sig", keyFile + ".data");
        assertTrue(out.contains("Verified OK"), out);
    }

    @Test
    void readsAChainInFileOrderIgnoringTextBetweenBlocks() throws Exception {
        openssl("req", "-x509", "-new", "-key", "p384-sec1.key", "-subj", "/CN=wsf openssl CA", "-days", "2",
                "-addext", "basicConstraints=critical,CA:TRUE", "-out", "ca.crt");
        openssl("req", "-new", "-key", "p256-sec1.key", "-subj", "/CN=leaf", "-out", "leaf.csr");
        openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.crt", "-CAkey", "p384-sec1.key", "-set_serial", "7",
                "-days", "2", "-out", "leaf.crt");
        Path chainFile = dir.resolve("chain.pem");
        Files.writeString(chainFile, "Bag Attributes\n    friendlyName: leaf\nsubject=CN = leaf\n"
                + Files.readString(dir.resolve("leaf.crt")) + "\n# and the CA that signed it\n\n"
                + Files.readString(dir.resolve("ca.crt")).replace("\n", "\r\n"));

        List<X509Certificate> chain = PemFiles.certificates(chainFile);

        assertEquals(2, chain.size());
        assertEquals("CN=leaf", chain.get(0).getSubjectX500Principal().getName());
        assertEquals("CN=wsf openssl CA", chain.get(1).getSubjectX500Principal().getName());
        chain.get(0).verify(chain.get(1).getPublicKey());
        assertEquals(opensslFingerprint("leaf.crt"), sha256(chain.get(0).getEncoded()));
        assertEquals(opensslFingerprint("ca.crt"), sha256(chain.get(1).getEncoded()));
        assertEquals(chain, PemFiles.certificates(Files.readString(chainFile)));
    }

    @Test
    void aFileHoldingBothTheKeyAndTheCertificateServesForBoth() throws Exception {
        Path combined = dir.resolve("combined.pem");
        Files.writeString(combined, Files.readString(dir.resolve("p256.crt")) + Files.readString(dir.resolve("p256-sec1.key")));
        KeyStore store = PemFiles.keyStore(combined, combined, null);
        assertEquals(PemFiles.certificates(dir.resolve("p256.crt")).get(0), store.getCertificate(PemFiles.KEY_ALIAS));
    }

    /** The key store does its real job: a JDK TLS server presents the openssl certificate with the key read here. */
    @ParameterizedTest
    @CsvSource({"rsa.crt, rsa-pkcs1.key, TLSv1.2", "rsa.crt, rsa-encrypted.key, TLSv1.3",
            "p256.crt, p256-sec1.key, TLSv1.3", "p384.crt, p384-pkcs8.key, TLSv1.2", "ed25519.crt, ed25519.key, TLSv1.3"})
    void theKeyStoreServesTls(String certFile, String keyFile, String protocol) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(PemFiles.keyStore(dir.resolve(certFile), dir.resolve(keyFile), PASSWORD), new char[0]);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(keys.getKeyManagers(), null, null);
        X509Certificate certificate = PemFiles.certificates(dir.resolve(certFile)).get(0);

        LoopbackHandshake.Outcome outcome = LoopbackHandshake.run(server, false, TestCertificates.trustingOnly(certificate),
                "localhost", protocol);

        assertTrue(outcome.succeeded(), () -> "client: " + outcome.clientFailure() + ", server: " + outcome.serverFailure());
        assertEquals(protocol, outcome.protocol());
        assertEquals(certificate, outcome.serverChain().get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"p256-sec1.key", "rsa-pkcs1.key"})
    void aPasswordGivenForAnUnencryptedKeyIsIgnored(String keyFile) {
        assertEquals(PemFiles.privateKey(dir.resolve(keyFile), null), PemFiles.privateKey(dir.resolve(keyFile), PASSWORD));
    }

    private static String opensslFingerprint(String certFile) {
        // "sha256 Fingerprint=AB:CD:..." (the prefix's case differs between openssl versions)
        String out = openssl("x509", "-in", certFile, "-noout", "-fingerprint", "-sha256").strip();
        return out.substring(out.indexOf('=') + 1).replace(":", "").toLowerCase();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void encrypt(String in, String out) {
        openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", in, "-passout", "pass:" + new String(PASSWORD), "-out", out);
    }

    private static void selfSigned(String key, String cert) {
        openssl("req", "-x509", "-new", "-key", key, "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                "-days", "2", "-out", cert);
    }

    private static String openssl(String... args) {
        return Openssl.run(dir, args);
    }
}
