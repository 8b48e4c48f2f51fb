package dev.wsf.runtime.conformance;

import dev.wsf.api.Session;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketServer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The server under test, set up as Autobahn's test servers are: an echo endpoint (text back as
 * text, binary back as binary) with the default dispatch (or the one named by
 * {@code -Dwsf.conformance.dispatch}), limits of 16 MiB per frame and message
 * so that the 9.x cases fit, and permessage-deflate as discovered by default. Loopback only.
 */
final class EchoServer implements AutoCloseable {
    static final long LIMIT = 16L * 1024 * 1024;
    /** The endpoint's dispatch: the default (WORKER), or {@code -Dwsf.conformance.dispatch=IO_THREAD}. */
    static final Dispatch DISPATCH = Dispatch.valueOf(System.getProperty("wsf.conformance.dispatch", "WORKER"));
    static final String SETUP = "wsf WebSocketServer on 127.0.0.1, echo endpoint at /, dispatch " + DISPATCH
            + " (the fast categories also run with IO_THREAD, unreported)"
            + ", maxFrameSize = maxMessageSize = 16 MiB, 2 I/O threads, permessage-deflate with default settings";

    private final WebSocketServer server;

    private EchoServer(WebSocketServer server) {
        this.server = server;
    }

    static EchoServer start() {
        return start(DISPATCH);
    }

    static EchoServer start(Dispatch dispatch) {
        ServerConfig config = ServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .ioThreads(2)
                .maxFrameSize(LIMIT)
                .maxMessageSize(LIMIT)
                .build();
        EndpointDefinition echo = EndpointDefinition.builder("/", request -> new Echo()).dispatch(dispatch).build();
        return new EchoServer(WebSocketServer.builder().config(config).endpoint(echo).build().start());
    }

    InetSocketAddress address() {
        return server.localAddress();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Sends every message back as it came. */
    static final class Echo implements EndpointHandler {
        @Override
        public void onText(Session session, String message) {
            session.sendText(message);
        }

        @Override
        public void onBinary(Session session, ByteBuffer message) {
            session.sendBinary(message);
        }

        @Override
        public void onError(Session session, Throwable error) {
            // protocol errors are what the cases provoke; the session already closes with the right code
        }
    }
}
