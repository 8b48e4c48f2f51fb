package dev.wsf.runtime.tls;

import java.util.Map;

/**
 * The key algorithms a PKCS#8 PrivateKeyInfo may name, by the object identifier of its
 * AlgorithmIdentifier, and the JDK {@link java.security.KeyFactory} that reads each. Reading the
 * identifier beats trying every KeyFactory in turn: the error can then name the algorithm.
 */
final class KeyAlgorithm {
    static final String RSA_OID = "1.2.840.113549.1.1.1";
    static final String EC_OID = "1.2.840.10045.2.1";

    /** OID to KeyFactory name, for the algorithms a TLS certificate key can use. */
    private static final Map<String, String> KEY_FACTORIES = Map.of(
            RSA_OID, "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            EC_OID, "EC",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448");

    /** Algorithms we recognise only to name them in the error. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "1.2.840.10040.4.1", "DSA (not usable with TLS 1.3)",
            "1.3.101.110", "X25519 (key agreement only, cannot sign)",
            "1.3.101.111", "X448 (key agreement only, cannot sign)",
            "1.2.643.7.1.1.1.1", "GOST R 34.10-2012",
            "1.2.156.10197.1.301", "SM2");

    private KeyAlgorithm() {
    }

    /** The KeyFactory name for {@code oid}; an IllegalArgumentException naming the algorithm if none. */
    static String keyFactoryName(String oid) {
        String name = KEY_FACTORIES.get(oid);
        if (name == null) {
            String known = UNSUPPORTED.get(oid);
            throw new IllegalArgumentException("unsupported key type " + (known != null ? known + ", OID " + oid
                    : "with OID " + oid) + "; supported: RSA, RSASSA-PSS, EC, Ed25519, Ed448");
        }
        return name;
    }
}
