package user.echo;

import dev.wsf.annotated.AnnotatedEndpoints;
import dev.wsf.api.DeploymentException;
import dev.wsf.api.Session;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.runtime.WebSocketServer;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Serves {@link EchoEndpoint}, talks to it with wsf's client, prints what happened and exits:
 * 0 on success, 3 when the endpoint could not be deployed.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("MODULE " + Main.class.getModule().getName());
        WebSocketServer server;
        try {
            server = WebSocketServer.builder()
                    .config(ServerConfig.builder().host("127.0.0.1").port(0).build())
                    .endpoints(AnnotatedEndpoints.define(EchoEndpoint.class))
                    .build()
                    .start();
        } catch (DeploymentException e) {
            System.out.println("DEPLOYMENT FAILED " + e.getMessage());
            System.exit(3);
            return;
        }
        try (WebSocketClient client = WebSocketClient.create()) {
            CompletableFuture<String> reply = new CompletableFuture<>();
            Session session = client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/echo"),
                    new EndpointHandler() {
                        @Override
                        public void onText(Session s, String message) {
                            reply.complete(message);
                        }
                    }).get(20, TimeUnit.SECONDS);
            session.sendText("hello");
            System.out.println("REPLY " + reply.get(20, TimeUnit.SECONDS));
            System.out.println("EXTENSIONS " + session.extensions());
            session.close();
        } finally {
            server.stop();
        }
    }
}
