package dev.wsf.samples.client;

import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.annotation.ClientEndpoint;
import dev.wsf.api.annotation.OnClose;
import dev.wsf.api.annotation.OnError;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.OnOpen;
import dev.wsf.api.extension.ExtensionConfig;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A client endpoint that prints what happens on its connection: the same annotations as a
 * server endpoint, on a class marked {@link ClientEndpoint}.
 */
@ClientEndpoint
public class ConsoleEndpoint {
    private final PrintStream out;
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

    public ConsoleEndpoint(PrintStream out) {
        this.out = out;
    }

    @OnOpen
    public void open(Session session) {
        String extensions = ExtensionConfig.toHeaderValue(session.extensions());
        out.println("connected to " + session.requestUri()
                + session.subprotocol().map(p -> ", subprotocol " + p).orElse("")
                + (extensions.isEmpty() ? "" : ", extensions: " + extensions));
    }

    @OnMessage
    public void text(String message) {
        out.println("< " + message);
    }

    @OnMessage
    public void binary(ByteBuffer message) {
        out.println("< (" + message.remaining() + " bytes of binary)");
    }

    @OnError
    public void error(Throwable failure) {
        out.println("error: " + failure);
    }

    @OnClose
    public void close(CloseReason reason) {
        out.println("closed: " + reason);
        closed.complete(reason);
    }

    /** Completes with the close reason once the connection has closed, whichever side began. */
    public CompletableFuture<CloseReason> closed() {
        return closed;
    }
}
