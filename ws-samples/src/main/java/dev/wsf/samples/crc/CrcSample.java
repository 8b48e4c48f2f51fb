package dev.wsf.samples.crc;

import dev.wsf.api.Session;
import dev.wsf.api.config.ConnectOptions;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.samples.support.SampleAddress;
import dev.wsf.samples.support.SampleRunner;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code x-wsf-crc32} extension at work. Nothing here mentions {@link Crc32ExtensionFactory}
 * except to turn it off: server and client both find it in {@code META-INF/services}.
 *
 * <ul>
 * <li>{@code /checked} echoes with every extension the client and server share;</li>
 * <li>{@code /plain} echoes too, but never negotiates {@code x-wsf-crc32}: extensions can be
 *     chosen per endpoint by name. {@code ServerConfig.builder().disableExtensions(name)} would
 *     turn it off for the whole server instead.</li>
 * </ul>
 */
public final class CrcSample {
    /** Echoes every message; stateless, so one handler serves every session. */
    private static final EndpointHandler ECHO = new EndpointHandler() {
        @Override
        public void onText(Session session, String message) {
            session.sendText(message);
        }

        @Override
        public void onBinary(Session session, ByteBuffer message) {
            session.sendBinary(message);
        }
    };

    private CrcSample() {
    }

    public static WebSocketServer start(ServerConfig config) {
        return WebSocketServer.builder()
                .config(config)
                .endpoint(EndpointDefinition.builder("/checked", request -> ECHO).build())
                .endpoint(EndpointDefinition.builder("/plain", request -> ECHO)
                        .extensions(name -> !name.equals(Crc32ExtensionFactory.NAME))
                        .build())
                .build()
                .start();
    }

    public static void main(String[] args) throws Exception {
        SampleRunner.Listening listening = SampleRunner.listen(ServerConfig.builder());
        WebSocketServer server = start(listening.config());
        SampleAddress address = listening.address(server);
        ConnectOptions options = address.connectOptions().build(); // with TLS: trusting the sample's certificate
        try (WebSocketClient client = WebSocketClient.create()) {
            for (String path : List.of("/checked", "/plain")) {
                System.out.println(path + ": " + demo(client, URI.create(address.ws(path)), options));
            }
        }
        SampleRunner.serveUntilStopped(server, listening, at -> List.of(
                "CRC: " + at.ws("/checked") + " and " + at.ws("/plain") + " echo; only /checked negotiates "
                        + Crc32ExtensionFactory.NAME + ".",
                "Browsers don't know the extension and get plain echoes on both; wsf's WebSocketClient, with this"
                        + " module on its classpath, offers it by itself."));
    }

    /** Connects with our client, which offers x-wsf-crc32 on its own, and echoes one message. */
    private static String demo(WebSocketClient client, URI uri, ConnectOptions options) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        Session session = client.connect(uri, new EndpointHandler() {
            @Override
            public void onText(Session s, String message) {
                reply.complete(message);
            }
        }, options).get(5, TimeUnit.SECONDS);
        session.sendText("hello");
        String echoed = reply.get(5, TimeUnit.SECONDS);
        session.close();
        return "negotiated " + session.extensions() + ", echoed \"" + echoed + "\"";
    }
}
