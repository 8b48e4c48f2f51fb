package dev.wsf.samples.support;

import dev.wsf.api.config.ConnectOptions;
import dev.wsf.runtime.WebSocketServer;
import java.util.Optional;

/**
 * Where a running sample is reached: {@code host:port} as a browser on this machine would write it,
 * with {@code wss://} and {@code https://} URLs when it serves TLS, and how a client trusts it.
 *
 * @param hostPort {@code host:port}, also what {@link #toString()} gives
 * @param tls      the sample's TLS, or empty for plain {@code ws://}
 */
public record SampleAddress(String hostPort, Optional<SampleTls> tls) {

    /** The address of {@code server}'s main listener; "localhost" when it listens on every address. */
    public static SampleAddress of(WebSocketServer server, Optional<SampleTls> tls) {
        String host = server.localAddress().getAddress().isAnyLocalAddress()
                ? "localhost" : server.localAddress().getHostString();
        return new SampleAddress(host + ":" + server.port(), tls);
    }

    /** {@code ws://host:port/path}, or {@code wss://} with TLS. */
    public String ws(String path) {
        return (tls.isPresent() ? "wss://" : "ws://") + hostPort + path;
    }

    /** {@code http://host:port/path}, or {@code https://} with TLS. */
    public String http(String path) {
        return (tls.isPresent() ? "https://" : "http://") + hostPort + path;
    }

    /** The command line of Python's interactive client for {@code path}, trusting the certificate with TLS. */
    public String pythonClient(String path) {
        return tls.map(t -> "SSL_CERT_FILE=" + t.trustFile() + " ").orElse("") + "python3 -m websockets " + ws(path);
    }

    /** Options for wsf's own client: with TLS, trusting exactly this sample's certificate. */
    public ConnectOptions.Builder connectOptions() {
        ConnectOptions.Builder options = ConnectOptions.builder();
        tls.ifPresent(t -> options.tls(t.clientTrust()));
        return options;
    }

    @Override
    public String toString() {
        return hostPort;
    }
}
