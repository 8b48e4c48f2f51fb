package dev.wsf.runtime.tls;

import dev.wsf.runtime.tls.DerReader.Element;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;

/**
 * PKCS#8 PrivateKeyInfo (RFC 5208), the one key encoding the JDK's KeyFactory reads, and the
 * wrapping of the two OpenSSL "traditional" encodings into it: PKCS#1 RSAPrivateKey (RFC 8017)
 * and SEC1 ECPrivateKey (RFC 5915), whose curve moves into the AlgorithmIdentifier.
 */
final class Pkcs8 {
    private Pkcs8() {
    }

    /** PrivateKeyInfo { version 0, { rsaEncryption, NULL }, OCTET STRING { RSAPrivateKey } }. */
    static byte[] fromPkcs1(byte[] rsaPrivateKey) {
        DerReader.read(rsaPrivateKey).expect(DerReader.SEQUENCE, "RSA PRIVATE KEY");
        return wrap(DerWriter.sequence(DerWriter.oid(KeyAlgorithm.RSA_OID), DerWriter.nullValue()), rsaPrivateKey);
    }

    /** PrivateKeyInfo { version 0, { id-ecPublicKey, curve }, OCTET STRING { ECPrivateKey } }. */
    static byte[] fromSec1(byte[] ecPrivateKey) {
        String curve = sec1Curve(ecPrivateKey);
        return wrap(DerWriter.sequence(DerWriter.oid(KeyAlgorithm.EC_OID), DerWriter.oid(curve)), ecPrivateKey);
    }

    private static byte[] wrap(byte[] algorithmIdentifier, byte[] key) {
        return DerWriter.sequence(DerWriter.smallInteger(0), algorithmIdentifier, DerWriter.octetString(key));
    }

    /**
     * The named curve of ECPrivateKey { version 1, privateKey OCTET STRING, [0] parameters,
     * [1] publicKey }: the [0] field, which OpenSSL always writes.
     */
    private static String sec1Curve(byte[] ecPrivateKey) {
        List<Element> fields = DerReader.read(ecPrivateKey).expect(DerReader.SEQUENCE, "EC PRIVATE KEY").children();
        for (Element field : fields) {
            if (field.tag() == 0xa0) {
                Element parameters = field.children().get(0);
                if (parameters.tag() != DerReader.OID) {
                    throw new IllegalArgumentException("the EC key has explicit curve parameters rather than a named"
                            + " curve; rewrite it with: openssl ec -param_enc named_curve");
                }
                return parameters.oid();
            }
        }
        throw new IllegalArgumentException("the EC PRIVATE KEY does not name its curve; convert it to PKCS#8"
                + " with the curve: openssl pkcs8 -topk8 -nocrypt");
    }

    /** The key in a PrivateKeyInfo, by the KeyFactory its AlgorithmIdentifier names. */
    static PrivateKey toKey(byte[] privateKeyInfo) {
        List<Element> fields = DerReader.read(privateKeyInfo).expect(DerReader.SEQUENCE, "PRIVATE KEY").children();
        if (fields.size() < 3) {
            throw new IllegalArgumentException("malformed PRIVATE KEY: " + fields.size() + " fields");
        }
        Element algorithm = fields.get(1).expect(DerReader.SEQUENCE, "PRIVATE KEY algorithm").children().get(0);
        String factory = KeyAlgorithm.keyFactoryName(algorithm.oid());
        KeyFactory keyFactory;
        try {
            keyFactory = KeyFactory.getInstance(factory);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("this JDK (" + Runtime.version() + ") cannot read " + factory + " keys", e);
        }
        try {
            return keyFactory.generatePrivate(new PKCS8EncodedKeySpec(privateKeyInfo));
        } catch (InvalidKeySpecException e) {
            // The JDK's messages describe the structure ("invalid key format"), never the key bytes.
            throw new IllegalArgumentException("not a valid " + factory + " private key: " + e.getMessage(), e);
        }
    }
}
