package dev.wsf.runtime.extension.deflate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsf.api.Session;
import dev.wsf.api.config.ClientConfig;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.runtime.testing.RecordingHandler;
import dev.wsf.testkit.Eventually;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cap on sessions keeping deflate context, through a real server, client and socket. */
class ContextCapEndToEndTest {
    private static final String MESSAGE = "{\"type\":\"message\",\"text\":\"" + "compressible ".repeat(20) + "\"}";

    private final PerMessageDeflateFactory serverDeflate = new PerMessageDeflateFactory(
            DeflateSettings.builder().maxContextTakeoverSessions(1).build());
    private final WebSocketServer server = WebSocketServer.builder()
            .config(ServerConfig.builder().host("127.0.0.1").port(0).discoverExtensions(false)
                    .extensions(serverDeflate).build())
            .endpoint(EndpointDefinition.builder("/echo", r -> new RecordingHandler(true)).build())
            .build().start();
    private final WebSocketClient client = WebSocketClient.create(ClientConfig.defaults());

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    @Test
    void theSessionBeyondTheCapIsLeanAndTheSlotComesBackWhenTheFirstCloses() throws Exception {
        Session first = echoOnce();
        Session second = echoOnce();
        assertEquals("permessage-deflate", first.extensions().get(0).toString());
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                second.extensions().get(0).toString());
        assertEquals(1, serverDeflate.contextTakeoverSessions());

        first.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Eventually.until(Duration.ofSeconds(10), () -> serverDeflate.contextTakeoverSessions() == 0,
                () -> serverDeflate.contextTakeoverSessions() + " sessions still hold context");
        assertEquals("permessage-deflate", echoOnce().extensions().get(0).toString());
        assertEquals(1, serverDeflate.contextTakeoverSessions());
    }

    private Session echoOnce() throws Exception {
        RecordingHandler mine = new RecordingHandler(false);
        Session s = client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), mine)
                .get(10, TimeUnit.SECONDS);
        assertEquals("open", mine.next());
        s.sendText(MESSAGE);
        assertEquals("text:" + MESSAGE.length() + " chars", mine.next(), "the echo, summarised by its length");
        return s;
    }
}
