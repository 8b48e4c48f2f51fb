package dev.wsf.bench.jetty;

import java.time.Duration;
import java.util.List;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Jetty;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Jetty 12 WebSocket echo server for the benchmark: {@code java [-D...] -jar jetty-echo.jar PORT}.
 *
 * <p>Uses the Jetty-native WebSocket API on a plain {@link Server} (no servlets), which is what a
 * Jetty user would write for an echo endpoint. The connector has one acceptor and one selector
 * (Jetty's own defaults for one core).
 *
 * <p>Thread pool, sized for the one core the process is pinned to: a {@link QueuedThreadPool} of
 * 4 threads (2 leased to the acceptor and the selector, 2 to run tasks) with no reserved threads.
 * Jetty's {@code AdaptiveExecutionStrategy} uses a reserved thread to take over selecting while
 * the selector thread runs the task it just produced (execute-produce-consume), which pays off
 * when that other thread can run on another core; on one core it only adds a hand-off. Change it
 * with {@code -Djetty.maxThreads}, {@code -Djetty.minThreads} and {@code -Djetty.reservedThreads}
 * ({@code 200}, {@code 8}, {@code -1} are Jetty's defaults).
 *
 * <p>{@code -Dtls.keystore=FILE.p12 -Dtls.password=PW}: serve {@code wss://} through Jetty's
 * {@link SslContextFactory.Server} on the JDK's provider, TLS 1.3 only.
 */
public final class JettyEchoServer {

    private static final long MAX_MESSAGE = 1 << 20;
    /** "Off" in practice: longer than any benchmark run. */
    private static final Duration IDLE_TIMEOUT = Duration.ofHours(1);

    private JettyEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[args.length - 1]) : 9001;
        QueuedThreadPool threads = new QueuedThreadPool(
                Integer.getInteger("jetty.maxThreads", 4), Integer.getInteger("jetty.minThreads", 4));
        threads.setReservedThreads(Integer.getInteger("jetty.reservedThreads", 0));
        threads.setName("jetty");
        Server server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        ServerConnector connector;
        String keyStore = System.getProperty("tls.keystore");
        if (keyStore == null) {
            connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        } else {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(keyStore);
            tls.setKeyStorePassword(System.getProperty("tls.password", ""));
            tls.setKeyStoreType("PKCS12");
            tls.setIncludeProtocols("TLSv1.3");
            http.addCustomizer(new SecureRequestCustomizer());
            connector = new ServerConnector(server, 1, 1,
                    new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(http));
        }
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);   // same backlog as the Netty server
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);

        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(IDLE_TIMEOUT);
            container.setMaxTextMessageSize(MAX_MESSAGE);
            container.setMaxBinaryMessageSize(MAX_MESSAGE);
            container.addMapping("/*", (request, response, callback) -> {
                // No permessage-deflate, even if a client offers it: compression is benchmarked apart.
                response.setExtensions(List.of());
                return new EchoEndpoint();
            });
        }));

        server.start();
        System.out.println("jetty " + Jetty.VERSION + ", threads max " + threads.getMaxThreads() + " min "
                + threads.getMinThreads() + " reserved " + threads.getReservedThreads()
                + (keyStore != null ? ", TLS (JDK provider)" : ""));
        System.out.println("READY " + port);
        server.join();
    }
}
