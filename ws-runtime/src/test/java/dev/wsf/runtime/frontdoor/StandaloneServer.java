package dev.wsf.runtime.frontdoor;

import dev.wsf.api.Session;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketServer;
import java.time.Duration;

/**
 * A {@code main} as the README shows one: start, stop on SIGTERM, wait. Run in a JVM of its own
 * by {@link LifecycleTest}.
 */
public final class StandaloneServer {
    private StandaloneServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        WebSocketServer server = WebSocketServer.builder()
                .config(ServerConfig.builder().host("127.0.0.1").port(0).closeTimeout(Duration.ofSeconds(2)).build())
                .endpoint(EndpointDefinition.builder("/echo", r -> new EndpointHandler() {
                    @Override
                    public void onText(Session s, String message) {
                        s.sendText(message);
                    }
                }).build())
                .build()
                .start()
                .stopOnShutdown();
        System.out.println("READY " + server.port());
        server.awaitTermination();
    }
}
