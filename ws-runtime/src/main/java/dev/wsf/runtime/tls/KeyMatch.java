package dev.wsf.runtime.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/**
 * Whether a private key belongs to a certificate's public key. A mismatch would otherwise show
 * up only at the first handshake, as an opaque failure on the peer's side; we catch it when the
 * configuration is read.
 */
final class KeyMatch {
    private KeyMatch() {
    }

    static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        if (privateKey instanceof RSAKey rsa) {
            // Covers RSA and RSASSA-PSS; comparing the modulus is exact and costs nothing.
            if (!(publicKey instanceof RSAPublicKey pub) || !rsa.getModulus().equals(pub.getModulus())) {
                return false;
            }
            return !(privateKey instanceof RSAPrivateCrtKey crt) || crt.getPublicExponent().equals(pub.getPublicExponent());
        }
        // EC and EdDSA private keys do not carry their public point: sign a random challenge and verify it.
        return signsFor(privateKey, publicKey);
    }

    private static boolean signsFor(PrivateKey privateKey, PublicKey publicKey) {
        String algorithm = switch (privateKey.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> throw new IllegalArgumentException("cannot check a " + privateKey.getAlgorithm()
                    + " key against its certificate");
        };
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;   // e.g. an EC key against an RSA or EdDSA certificate, or another curve
        }
    }
}
