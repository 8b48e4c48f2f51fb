package dev.wsf.api;

import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What the TLS handshake of a {@code wss://} connection settled.
 *
 * @param protocol         e.g. {@code TLSv1.3}
 * @param cipherSuite      e.g. {@code TLS_AES_128_GCM_SHA256}
 * @param serverName       the host name the client asked for (SNI), if it sent one
 * @param peerCertificates the peer's certificate chain, leaf first; empty if it presented none
 *                         (a client without mutual TLS)
 *
 * @since 0.1
 */
public record TlsInfo(String protocol, String cipherSuite, Optional<String> serverName,
                      List<X509Certificate> peerCertificates) {
    /**
     * Copies the certificate list, so the record stays immutable.
     *
     * @param protocol         the negotiated protocol, e.g. {@code TLSv1.3}
     * @param cipherSuite      the negotiated cipher suite, e.g. {@code TLS_AES_128_GCM_SHA256}
     * @param serverName       the SNI host name the client sent, or empty
     * @param peerCertificates the peer's certificate chain, leaf first; empty if it presented none
     * @throws NullPointerException if {@code peerCertificates} or one of its elements is null
     */
    public TlsInfo {
        peerCertificates = List.copyOf(peerCertificates);
    }

    /**
     * Who the peer's certificate says it is, if it presented one.
     *
     * @return the subject of the leaf certificate (e.g. {@code CN=client-7, O=Example}); empty
     *         when the peer sent no certificate
     */
    public Optional<Principal> peerPrincipal() {
        return peerCertificates.isEmpty() ? Optional.empty()
                : Optional.of(peerCertificates.get(0).getSubjectX500Principal());
    }
}
