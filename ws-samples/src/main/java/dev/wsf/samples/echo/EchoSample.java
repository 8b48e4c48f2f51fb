package dev.wsf.samples.echo;

import dev.wsf.annotated.AnnotatedEndpoints;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.samples.support.SampleRunner;
import java.util.List;

/** Serves {@link EchoEndpoint}; also the server the end-to-end benchmark drives. */
public final class EchoSample {
    private EchoSample() {
    }

    public static WebSocketServer start(ServerConfig config) {
        return WebSocketServer.builder()
                .config(config)
                .endpoints(AnnotatedEndpoints.define(EchoEndpoint.class))
                .build()
                .start();
    }

    public static void main(String[] args) {
        SampleRunner.Listening listening = SampleRunner.listen(ServerConfig.builder());
        WebSocketServer server = start(listening.config());
        SampleRunner.serveUntilStopped(server, listening, at -> List.of(
                "Echo: " + at.ws("/echo") + " sends back every text and binary message.",
                "Try it with any WebSocket client, e.g.: " + at.pythonClient("/echo")));
    }
}
