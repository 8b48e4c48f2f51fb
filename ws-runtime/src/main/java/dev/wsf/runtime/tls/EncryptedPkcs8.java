package dev.wsf.runtime.tls;

import dev.wsf.runtime.tls.DerReader.Element;
import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.InvalidKeySpecException;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Decrypts an EncryptedPrivateKeyInfo (RFC 5208, {@code BEGIN ENCRYPTED PRIVATE KEY}) with the
 * JDK's own PBE ciphers. Java 17 reads what {@code openssl pkcs8 -topk8} writes by default (PBES2:
 * PBKDF2 with an HMAC-SHA PRF, and AES-128/192/256-CBC) and the PKCS#12 v1 schemes; it cannot read
 * PBES2 with scrypt or with DES/3DES, and we say so rather than fail obscurely.
 */
final class EncryptedPkcs8 {
    private static final String PBES2 = "1.2.840.113549.1.5.13";
    private static final String ADVICE = "; re-encrypt it with: openssl pkcs8 -topk8 -v2 aes-256-cbc";

    /** Names for the schemes we can only refuse, so the message says what the file uses. */
    private static final Map<String, String> NAMES = Map.of(
            PBES2, "PBES2",
            "1.2.840.113549.1.5.12", "PBKDF2",
            "1.3.6.1.4.1.11591.4.11", "scrypt",
            "1.2.840.113549.3.7", "des-ede3-cbc",
            "2.16.840.1.101.3.4.1.2", "aes-128-cbc",
            "2.16.840.1.101.3.4.1.42", "aes-256-cbc",
            "1.3.14.3.2.7", "des-cbc",
            "1.2.840.113549.1.5.3", "pbeWithMD5AndDES-CBC");

    private EncryptedPkcs8() {
    }

    /** The PrivateKeyInfo inside {@code der}; IllegalArgumentException for a missing or wrong password. */
    static byte[] decrypt(byte[] der, char[] password) {
        if (password == null) {
            throw new IllegalArgumentException("the key is encrypted (ENCRYPTED PRIVATE KEY) and no password was given");
        }
        EncryptedPrivateKeyInfo info;
        AlgorithmParameters parameters;
        try {
            info = new EncryptedPrivateKeyInfo(der);
            parameters = info.getAlgParameters();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the key is encrypted with " + scheme(der) + ", which this JDK ("
                    + Runtime.version() + ") cannot decrypt: " + e.getMessage() + ADVICE, e);
        }
        String algorithm = cipherName(info, parameters);
        Cipher cipher;
        PBEKeySpec spec = new PBEKeySpec(password);
        try {
            cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(algorithm).generateSecret(spec), parameters);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the key is encrypted with " + algorithm + ", which this JDK ("
                    + Runtime.version() + ") cannot decrypt: " + e.getMessage() + ADVICE, e);
        } finally {
            spec.clearPassword();
        }
        try {
            return info.getKeySpec(cipher).getEncoded();
        } catch (InvalidKeySpecException e) {
            // A wrong key yields bad padding or, rarely, padding that fits over garbage: same answer.
            throw new IllegalArgumentException("cannot decrypt the key: wrong password, or the file is damaged");
        }
    }

    /**
     * The JDK cipher for the scheme. For PBES2 {@code getAlgName()} is only "PBES2"; the cipher
     * name (e.g. {@code PBEWithHmacSHA256AndAES_256}) is what the JDK's PBES2 parameters print
     * as their {@code toString()}: not in the Javadoc, but stable since Java 8 and what Netty's
     * SslContext relies on too.
     */
    private static String cipherName(EncryptedPrivateKeyInfo info, AlgorithmParameters parameters) {
        String name = info.getAlgName();
        boolean pbes2 = "PBES2".equalsIgnoreCase(name) || PBES2.equals(name);
        return pbes2 && parameters != null ? parameters.toString() : name;
    }

    /** "PBES2 (scrypt, des-ede3-cbc)" from the AlgorithmIdentifier, for refusals; never throws. */
    private static String scheme(byte[] der) {
        try {
            Element algorithm = DerReader.read(der).children().get(0).children().get(0);
            String scheme = name(algorithm.oid());
            if (!PBES2.equals(algorithm.oid())) {
                return scheme;
            }
            List<Element> pbes2 = DerReader.read(der).children().get(0).children().get(1).children();
            return scheme + " (" + name(pbes2.get(0).children().get(0).oid()) + ", "
                    + name(pbes2.get(1).children().get(0).oid()) + ")";
        } catch (RuntimeException e) {
            return "an unreadable scheme";
        }
    }

    private static String name(String oid) {
        return NAMES.getOrDefault(oid, oid);
    }
}
