package dev.wsf.runtime.tls;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;

/**
 * Says why a TLS handshake failed in words a user can act on: the JDK's message is exact but
 * often buried under "PKIX path validation failed" and the like, with the real reason a few
 * causes down.
 */
public final class TlsFailures {
    private TlsFailures() {
    }

    /**
     * The reason for a handshake failure, from the first cause that says it plainly.
     *
     * @param e the handshake's failure
     * @return an expired, not yet valid or untrusted certificate in plain words, otherwise the
     *         exception's message
     */
    public static String reason(SSLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException expired) {
                return "the certificate has expired (" + expired.getMessage() + ")";
            }
            if (t instanceof CertificateNotYetValidException notYet) {
                return "the certificate is not valid yet (" + notYet.getMessage() + ")";
            }
            if (t instanceof CertPathBuilderException) {
                return "the certificate is not trusted: no chain to a trusted certificate authority (" + t.getMessage()
                        + ")";
            }
        }
        return e.getMessage();
    }
}
