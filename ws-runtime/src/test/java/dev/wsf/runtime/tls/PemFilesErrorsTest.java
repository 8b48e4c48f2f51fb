package dev.wsf.runtime.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wsf.testkit.tls.Openssl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when the files are wrong: one IllegalArgumentException that names the file and
 * the problem (and the openssl command that fixes it, where there is one), never key material.
 * EC and EdDSA keys only, so that the class runs in a moment.
 */
class PemFilesErrorsTest {
    private static final char[] PASSWORD = "s3cret".toCharArray();

    @TempDir
    static Path dir;

    @BeforeAll
    static void generateWithOpenssl() {
        assumeTrue(Openssl.available(), "openssl is not installed");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "p256.key");
        openssl("req", "-x509", "-new", "-key", "p256.key", "-subj", "/CN=localhost", "-days", "2", "-out", "p256.crt");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "other.key");
        openssl("genpkey", "-algorithm", "ed25519", "-out", "ed25519.key");
        openssl("req", "-x509", "-new", "-key", "ed25519.key", "-subj", "/CN=localhost", "-days", "2", "-out", "ed25519.crt");
        openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "p256.key", "-passout", "pass:s3cret", "-out", "encrypted.key");
        openssl("pkcs8", "-topk8", "-scrypt", "-in", "p256.key", "-passout", "pass:s3cret", "-out", "scrypt.key");
        openssl("pkcs8", "-topk8", "-v2", "des3", "-in", "p256.key", "-passout", "pass:s3cret", "-out", "des3.key");
        openssl("ec", "-in", "p256.key", "-aes256", "-passout", "pass:s3cret", "-out", "legacy.key");
        openssl("genpkey", "-algorithm", "X25519", "-out", "x25519.key");
        openssl("x509", "-in", "p256.crt", "-outform", "DER", "-out", "p256.der");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedNamingBothFiles() {
        String message = error(() -> PemFiles.keyStore(dir.resolve("p256.crt"), dir.resolve("other.key"), null));
        assertTrue(message.contains("does not match"), message);
        assertTrue(message.contains(dir.resolve("other.key").toString()), message);
        assertTrue(message.contains(dir.resolve("p256.crt").toString()), message);
        assertNoKeyMaterial(message, "other.key");
    }

    @Test
    void aKeyOfAnotherTypeIsRefused() {
        String message = error(() -> PemFiles.keyStore(PemFiles.certificates(dir.resolve("ed25519.crt")),
                PemFiles.privateKey(dir.resolve("p256.key"), null)));
        assertTrue(message.contains("the EC key does not match the EdDSA public key of the certificate CN=localhost"), message);
        message = error(() -> PemFiles.keyStore(dir.resolve("p256.crt"), dir.resolve("ed25519.key"), null));
        assertTrue(message.contains("does not match"), message);
    }

    @Test
    void anEmptyChainIsRefused() {
        String message = error(() -> PemFiles.keyStore(List.of(), PemFiles.privateKey(dir.resolve("p256.key"), null)));
        assertTrue(message.contains("at least one certificate"), message);
    }

    @Test
    void aWrongPasswordSaysSo() {
        String message = keyError("encrypted.key", "not the password".toCharArray());
        assertTrue(message.contains("wrong password"), message);
    }

    @Test
    void anEncryptedKeyWithoutPasswordSaysSo() {
        String message = keyError("encrypted.key", null);
        assertTrue(message.contains("encrypted (ENCRYPTED PRIVATE KEY) and no password was given"), message);
    }

    /** Java 17 cannot decrypt PBES2 with scrypt or with 3DES: the message names the scheme and the fix. */
    @Test
    void schemesTheJdkCannotDecryptAreNamedWithTheFix() {
        String scrypt = keyError("scrypt.key", PASSWORD);
        assertTrue(scrypt.contains("PBES2 (scrypt, aes-256-cbc)"), scrypt);
        assertTrue(scrypt.contains("openssl pkcs8 -topk8 -v2 aes-256-cbc"), scrypt);
        String des3 = keyError("des3.key", PASSWORD);
        assertTrue(des3.contains("PBES2 (PBKDF2, des-ede3-cbc)"), des3);
        assertTrue(des3.contains("openssl pkcs8 -topk8 -v2 aes-256-cbc"), des3);
    }

    @Test
    void legacyOpensslEncryptionIsRefusedWithTheFix() {
        String message = keyError("legacy.key", PASSWORD);
        assertTrue(message.contains("legacy OpenSSL way (Proc-Type header)"), message);
        assertTrue(message.contains("openssl pkcs8 -topk8"), message);
    }

    @Test
    void aKeyTypeThatCannotSignIsNamed() {
        String message = keyError("x25519.key", null);
        assertTrue(message.contains("unsupported key type X25519"), message);
    }

    @Test
    void filesWithoutTheExpectedBlockSayWhatTheyHold() {
        String der = error(() -> PemFiles.certificates(dir.resolve("p256.der")));
        assertTrue(der.contains("no PEM block at all"), der);
        String certAsKey = keyError("p256.crt", null);
        assertTrue(certAsKey.contains("no -----BEGIN PRIVATE KEY----- block") && certAsKey.contains("found: CERTIFICATE"), certAsKey);
        String keyAsCert = error(() -> PemFiles.certificates(dir.resolve("p256.key")));
        assertTrue(keyAsCert.contains("no -----BEGIN CERTIFICATE----- block (found: EC PRIVATE KEY)"), keyAsCert);
        assertTrue(keyAsCert.startsWith("certificate file " + dir.resolve("p256.key")), keyAsCert);
        assertNoKeyMaterial(keyAsCert, "p256.key");
    }

    @Test
    void aTruncatedKeyIsNamedAsSuch() throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("p256.key"));
        Files.write(dir.resolve("truncated.key"), lines.subList(0, lines.size() - 2));
        String message = keyError("truncated.key", null);
        assertTrue(message.contains("\"EC PRIVATE KEY\" opened at line 1 has no END line"), message);
        assertNoKeyMaterial(message, "p256.key");
    }

    @Test
    void damagedBase64AndDamagedDerAreNamed() throws Exception {
        String key = Files.readString(dir.resolve("p256.key"));
        Files.writeString(dir.resolve("bad-base64.key"), key.replaceFirst("\n(.)", "\n*"));
        String base64 = keyError("bad-base64.key", null);
        assertTrue(base64.contains("is not valid Base64"), base64);
        assertNoKeyMaterial(base64, "p256.key");

        Files.writeString(dir.resolve("bad-der.crt"), "-----BEGIN CERTIFICATE-----\nMAMCAQA=\n-----END CERTIFICATE-----\n");
        String der = error(() -> PemFiles.certificates(dir.resolve("bad-der.crt")));
        assertTrue(der.contains("certificate 1 is not a valid X.509 certificate"), der);

        Files.writeString(dir.resolve("bad-der.key"), "-----BEGIN PRIVATE KEY-----\nMAMCAQA=\n-----END PRIVATE KEY-----\n");
        String keyDer = keyError("bad-der.key", null);
        assertTrue(keyDer.contains("malformed PRIVATE KEY"), keyDer);
    }

    @Test
    void aMissingFileIsNamed() {
        String message = keyError("no-such.key", null);
        assertTrue(message.startsWith("cannot read the private key file " + dir.resolve("no-such.key")), message);
    }

    @Test
    void textWithoutAFileSaysPemText() {
        String message = error(() -> PemFiles.privateKey("hello", null));
        assertTrue(message.startsWith("PEM text: no -----BEGIN PRIVATE KEY----- block"), message);
    }

    private static String keyError(String file, char[] password) {
        String message = error(() -> PemFiles.privateKey(dir.resolve(file), password));
        assertTrue(message.contains(dir.resolve(file).toString()), "the message names the file: " + message);
        if (Files.exists(dir.resolve(file))) {
            assertNoKeyMaterial(message, file);
        }
        return message;
    }

    private static String error(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    /** No 12 characters of the file's Base64 body appear in the message. */
    private static void assertNoKeyMaterial(String message, String file) {
        String body;
        try {
            body = String.join("", Files.readAllLines(dir.resolve(file)).stream().filter(l -> !l.startsWith("-----")).toList());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        for (int i = 0; i + 12 <= body.length(); i++) {
            assertFalse(message.contains(body.substring(i, i + 12)), "the message quotes the key file: " + message);
        }
    }

    private static void openssl(String... args) {
        Openssl.run(dir, args);
    }
}
