package dev.wsf.runtime.hostile;

import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketServer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The endpoints the attacks aim at: echoes in both dispatch modes, and echoes whose callbacks
 * throw {@link Error}s on request. Every session opened and closed is counted, so a suite can
 * check that each one that opened got its {@code onClose}.
 */
final class HostileEndpoints {
    static final String ECHO = "/echo";
    static final String ECHO_WORKER = "/echo-worker";
    static final String THROWING = "/throwing";
    static final String THROWING_WORKER = "/throwing-worker";

    /** An Error of the test's own, of no kind the engine could special-case. */
    static final class HostileError extends Error {
        final boolean alsoFromOnError;

        HostileError(boolean alsoFromOnError) {
            super("thrown on purpose by the hostile suite");
            this.alsoFromOnError = alsoFromOnError;
        }
    }

    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    EndpointDefinition[] all() {
        return new EndpointDefinition[] {
            EndpointDefinition.builder(ECHO, r -> new Echo()).dispatch(Dispatch.IO_THREAD).build(),
            EndpointDefinition.builder(ECHO_WORKER, r -> new Echo()).dispatch(Dispatch.WORKER).build(),
            EndpointDefinition.builder(THROWING, r -> new Throwing()).dispatch(Dispatch.IO_THREAD).build(),
            EndpointDefinition.builder(THROWING_WORKER, r -> new Throwing()).dispatch(Dispatch.WORKER).build(),
        };
    }

    /**
     * A server with all these endpoints and a small, explicit memory budget. The message limit
     * is the default, 4 MiB, written out because the attacks announce exactly that much; a
     * failed session waits at most a second for the peer's close frame.
     */
    WebSocketServer serve(long memoryBudget) {
        return WebSocketServer.builder().config(ServerConfig.builder().host("127.0.0.1").port(0)
                        .memoryBudget(memoryBudget).maxMessageSize(4 * ProcessResources.MIB)
                        .closeTimeout(Duration.ofSeconds(1)).build())
                .endpoints(List.of(all())).build().start();
    }

    /** Sessions whose {@code onOpen} ran and whose {@code onClose} has not yet. */
    int open() {
        return opened.get() - closed.get();
    }

    /** Sends back every message; errors take the default path (logged by severity, 1011). */
    private class Echo implements EndpointHandler {
        @Override
        public void onOpen(Session s) {
            opened.incrementAndGet();
        }

        @Override
        public void onText(Session s, String message) {
            s.sendText(message);
        }

        @Override
        public void onBinary(Session s, ByteBuffer message) {
            s.sendBinary(message);
        }

        @Override
        public void onClose(Session s, CloseReason reason) {
            closed.incrementAndGet();
        }
    }

    /**
     * Echoes, except for the text messages that name an Error to throw: {@code custom} (a
     * {@link HostileError}), {@code custom-twice} (thrown again from {@code onError}),
     * {@code stack} (a real {@link StackOverflowError}) and {@code oom}; and {@code onOpen}
     * throws for a request with the query {@code ?throw=open}.
     */
    private final class Throwing extends Echo {
        @Override
        public void onOpen(Session s) {
            super.onOpen(s);
            if (s.queryParameters().getOrDefault("throw", List.of()).contains("open")) {
                throw new HostileError(false);
            }
        }

        @Override
        public void onText(Session s, String message) {
            switch (message) {
                case "custom" -> throw new HostileError(false);
                case "custom-twice" -> throw new HostileError(true);
                case "stack" -> recurse(0);
                case "oom" -> throw new OutOfMemoryError("test");
                default -> super.onText(s, message);
            }
        }

        @Override
        public void onError(Session s, Throwable error) {
            if (error instanceof HostileError e && e.alsoFromOnError) {
                throw e;
            }
            super.onError(s, error);
        }
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + depth; // not a tail call: every level keeps its frame
    }
}
