package dev.wsf.bench.jetty;

import java.time.Duration;
import java.util.List;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Jetty 12 WebSocket echo server for the benchmark: {@code java -jar jetty-echo.jar PORT}.
 *
 * <p>Uses the Jetty-native WebSocket API on a plain {@link Server} (no servlets), which is what a
 * Jetty user would write for an echo endpoint. Threading is Jetty's default
 * {@code QueuedThreadPool}; the connector has one acceptor and one selector because the process
 * is pinned to one core.
 */
public final class JettyEchoServer {

    private static final long MAX_MESSAGE = 1 << 20;
    /** "Off" in practice: longer than any benchmark run. */
    private static final Duration IDLE_TIMEOUT = Duration.ofHours(1);

    private JettyEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9001;
        Server server = new Server();

        ServerConnector connector = new ServerConnector(server, 1, 1);
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
        System.out.println("READY " + port);
        server.join();
    }
}
