package dev.wsf.samples.echo;

import dev.wsf.annotations.AnnotatedEndpoints;
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
        WebSocketServer server = start(SampleRunner.listenConfig(ServerConfig.builder()));
        SampleRunner.serveUntilStopped(server, address -> List.of(
                "Echo: ws://" + address + "/echo sends back every text and binary message.",
                "Try it with any WebSocket client, e.g.: python3 -m websockets ws://" + address + "/echo"));
    }
}
