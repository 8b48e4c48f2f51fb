package dev.wsf.testkit.tls;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * The key of a test certificate, and how a certificate authority holding such a key signs.
 * EC keys are the default: generating one takes a millisecond, an RSA 2048 key up to a second.
 */
public enum KeyType {
    EC_P256("EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA", "1.2.840.10045.4.3.2"),
    EC_P384("EC", new ECGenParameterSpec("secp384r1"), "SHA384withECDSA", "1.2.840.10045.4.3.3"),
    RSA_2048("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), "SHA256withRSA", "1.2.840.113549.1.1.11");

    private final String algorithm;
    private final AlgorithmParameterSpec parameters;
    private final String signatureAlgorithm;
    private final String signatureOid;

    KeyType(String algorithm, AlgorithmParameterSpec parameters, String signatureAlgorithm, String signatureOid) {
        this.algorithm = algorithm;
        this.parameters = parameters;
        this.signatureAlgorithm = signatureAlgorithm;
        this.signatureOid = signatureOid;
    }

    /** A fresh key pair. */
    public KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(parameters);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 platform generates " + this + " keys", e);
        }
    }

    /** The JCA name of the signature this key makes on certificates, e.g. SHA256withECDSA. */
    String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /**
     * The AlgorithmIdentifier of that signature: ECDSA's has no parameters (RFC 5758 3.2), RSA's
     * has NULL (RFC 4055 5).
     */
    byte[] signatureAlgorithmIdentifier() {
        return algorithm.equals("RSA") ? Der.sequence(Der.oid(signatureOid), Der.nullValue())
                : Der.sequence(Der.oid(signatureOid));
    }
}
