package dev.wsf.runtime.interop;

import dev.wsf.api.CloseCode;
import dev.wsf.api.CloseReason;
import dev.wsf.api.HandshakeRejectedException;
import dev.wsf.api.Session;
import dev.wsf.api.config.OriginPolicy;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.config.TlsConfig;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketServer;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Our side of the interop contract (interop/README.md): {@code /echo} and {@code /close/{code}},
 * subprotocols chat.v1 and chat.v2, messages up to 8 MiB, browsers from any 127.0.0.1 page.
 * With a {@link TlsConfig}, a second listener serves the same endpoints over {@code wss://}.
 */
final class InteropEndpoints {
    private InteropEndpoints() {
    }

    static WebSocketServer start() {
        return start(null);
    }

    /**
     * Starts the server on 127.0.0.1: {@code ws://} on the first of its
     * {@link WebSocketServer#localAddresses()}, and {@code wss://} with {@code tls} on the second
     * when {@code tls} is not null.
     */
    static WebSocketServer start(TlsConfig tls) {
        EndpointDefinition echo = EndpointDefinition.builder("/echo", request -> new EndpointHandler() {
            @Override
            public void onText(Session s, String message) {
                s.sendText(message);
            }

            @Override
            public void onBinary(Session s, ByteBuffer message) {
                s.sendBinary(message);
            }
        }).subprotocols("chat.v1", "chat.v2").build();
        EndpointDefinition close = EndpointDefinition.builder("/close/{code}", request -> new EndpointHandler() {
            @Override
            public void onOpen(Session s) {
                s.close(new CloseReason(Integer.parseInt(s.pathParameters().get("code")), "bye"));
            }
        }).handshakeInterceptor((request, headers) -> {
            String code = request.pathParameters().get("code");
            if (!code.matches("[0-9]{1,5}") || !CloseCode.isSendable(Integer.parseInt(code))) {
                throw new HandshakeRejectedException(404, "no such close code: " + code);
            }
        }).build();
        ServerConfig.Builder config = ServerConfig.builder().host("127.0.0.1").port(0)
                .maxFrameSize(8 << 20).maxMessageSize(8 << 20)
                .originPolicy(OriginPolicy.matching(origin -> origin.startsWith("http://127.0.0.1:")));
        if (tls != null) {
            config.listener(ServerConfig.Listener.tls("127.0.0.1", 0, tls));
        }
        return WebSocketServer.builder().config(config.build()).endpoints(List.of(echo, close)).build().start();
    }
}
