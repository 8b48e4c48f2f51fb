package dev.wsf.samples.testing;

import dev.wsf.testkit.tls.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The JDK's HTTP and WebSocket client trusting the certificates of one PEM file and nothing else,
 * as a user would trust a sample's printed certificate. Host names are verified (the JDK's default).
 */
public final class Trusting {
    private Trusting() {
    }

    /** The certificates in {@code pem}, in order. */
    public static List<X509Certificate> certificates(Path pem) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(c -> (X509Certificate) c).toList();
        }
    }

    public static SSLContext context(Path pem) throws IOException, CertificateException {
        return TestCertificates.trustingOnly(certificates(pem).toArray(new X509Certificate[0]));
    }

    public static HttpClient httpClient(Path pem) throws IOException, CertificateException {
        return HttpClient.newBuilder().sslContext(context(pem)).build();
    }
}
