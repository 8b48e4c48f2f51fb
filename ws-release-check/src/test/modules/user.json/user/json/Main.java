package user.json;

import dev.wsf.annotated.AnnotatedEndpoints;
import dev.wsf.api.CloseReason;
import dev.wsf.api.DeploymentException;
import dev.wsf.api.Session;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.runtime.WebSocketServer;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Scans package user.json for endpoints, serves them, sends each {@code path message} pair of its
 * arguments to a new connection and prints the reply (REPLY text) or the close (CLOSED code
 * [reason]); exits 0, or 3 when deployment failed.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("MODULE " + Main.class.getModule().getName());
        WebSocketServer server;
        try {
            List<EndpointDefinition> endpoints = AnnotatedEndpoints.scan("user.json");
            System.out.println("FOUND " + endpoints.stream().map(d -> d.path().template()).sorted().toList());
            server = WebSocketServer.builder()
                    .config(ServerConfig.builder().host("127.0.0.1").port(0).build())
                    .endpoints(endpoints)
                    .build()
                    .start();
        } catch (DeploymentException e) {
            System.out.println("DEPLOYMENT FAILED " + e.getMessage());
            System.exit(3);
            return;
        }
        try (WebSocketClient client = WebSocketClient.create()) {
            for (int i = 0; i + 1 < args.length; i += 2) {
                CompletableFuture<String> outcome = new CompletableFuture<>();
                Session session = client.connect(URI.create("ws://127.0.0.1:" + server.port() + args[i]),
                        new EndpointHandler() {
                            @Override
                            public void onText(Session s, String message) {
                                outcome.complete("REPLY " + message);
                            }

                            @Override
                            public void onClose(Session s, CloseReason reason) {
                                outcome.complete("CLOSED " + reason.code() + " [" + reason.reason() + "]");
                            }
                        }).get(20, TimeUnit.SECONDS);
                session.sendText(args[i + 1]);
                System.out.println(outcome.get(20, TimeUnit.SECONDS));
                session.close();
            }
        } finally {
            server.stop();
        }
    }
}
