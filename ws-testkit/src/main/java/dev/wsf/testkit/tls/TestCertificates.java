package dev.wsf.testkit.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates for tests and samples, made in pure Java at run time: a test CA and the leaves it
 * signs, or a throwaway self-signed certificate for 127.0.0.1 and localhost. No files to check in,
 * nothing that expires in the repository, no "trust all" anywhere.
 *
 * <pre>{@code
 * CertificateAuthority ca = TestCertificates.newAuthority();
 * Credential server = ca.issue();                                   // localhost, 127.0.0.1, ::1
 * SSLContext serverContext = TestCertificates.withKey(server);
 * SSLContext clientContext = ca.trustingOnly();
 * Credential expired = ca.issue(CertificateSpec.localhost().expired());
 * }</pre>
 */
public final class TestCertificates {
    private TestCertificates() {
    }

    /** A new authority, "CN=wsf test CA" with an EC P-256 key. */
    public static CertificateAuthority newAuthority() {
        return newAuthority("wsf test CA", KeyType.EC_P256);
    }

    public static CertificateAuthority newAuthority(String commonName, KeyType keyType) {
        return new CertificateAuthority(commonName, keyType);
    }

    /** A self-signed certificate for {@link CertificateSpec#localhost()}: the samples' throwaway certificate. */
    public static Credential selfSigned() {
        return selfSigned(CertificateSpec.localhost());
    }

    /** A self-signed end-entity certificate for {@code spec} (not a CA: it can only vouch for itself). */
    public static Credential selfSigned(CertificateSpec spec) {
        KeyPair keys = spec.keyType().generate();
        X509Certificate certificate = CertificateAuthority.leafBuilder(spec, keys).selfIssued()
                .signWith(keys.getPrivate(), spec.keyType());
        return new Credential(List.of(certificate), keys.getPrivate());
    }

    /** A client context that trusts exactly {@code anchors}, without a key of its own. */
    public static SSLContext trustingOnly(X509Certificate... anchors) {
        return context(null, anchors);
    }

    /**
     * A context presenting {@code credential}: a server's, or a client's for mutual TLS. It trusts
     * exactly {@code trusted} (the CA of the peers' certificates); with none, it trusts nothing,
     * which is fine for a server that does not ask for client certificates.
     */
    public static SSLContext withKey(Credential credential, X509Certificate... trusted) {
        return context(credential, trusted);
    }

    private static SSLContext context(Credential credential, X509Certificate[] anchors) {
        try {
            KeyManagerFactory keys = null;
            if (credential != null) {
                char[] password = new char[0];   // the store never leaves this method
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(credential.keyStore(password), password);
            }
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            for (int i = 0; i < anchors.length; i++) {
                trustStore.setCertificateEntry("anchor-" + i, anchors[i]);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an SSLContext from test certificates", e);
        }
    }
}
