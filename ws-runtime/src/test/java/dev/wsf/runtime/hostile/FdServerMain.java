package dev.wsf.runtime.hostile;

import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketServer;
import java.io.IOException;
import java.time.Duration;

/**
 * The server of {@link FdExhaustionTest}, in a JVM of its own so that the test can lower its
 * file-descriptor limit without touching the test's JVM. It runs from the build's class
 * directories, as the test does: loading a class from a directory opens a file, which is the
 * case that breaks when descriptors run out.
 *
 * <p>It prints {@code READY <port>} once it listens, {@code OPEN <id>} and {@code CLOSED <id>
 * <code>} for each session, and sends each session its id as its first message ({@code id
 * <id>}). It stops when its standard input ends.
 */
public final class FdServerMain {
    private FdServerMain() {
    }

    public static void main(String[] args) throws IOException {
        EndpointDefinition echo = EndpointDefinition.builder("/echo", r -> new EndpointHandler() {
            @Override
            public void onOpen(Session s) {
                System.out.println("OPEN " + s.id());
                s.sendText("id " + s.id());
            }

            @Override
            public void onText(Session s, String message) {
                s.sendText(message);
            }

            @Override
            public void onClose(Session s, CloseReason reason) {
                System.out.println("CLOSED " + s.id() + " " + reason.code());
            }
        }).dispatch(Dispatch.IO_THREAD).build();
        WebSocketServer server = WebSocketServer.builder()
                .config(ServerConfig.builder().host("127.0.0.1").port(0).memoryBudget(32L << 20)
                        .closeTimeout(Duration.ofSeconds(4)).build()) // its loops tick once a second
                .endpoint(echo).build().start();
        System.out.println("READY " + server.port());
        while (System.in.read() >= 0) {
            // until the test closes our standard input
        }
        server.stop();
        System.out.println("STOPPED");
    }
}
