package dev.wsf.annotated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.annotated.testing.Connection;
import dev.wsf.annotated.testing.FakeHandshakeRequest;
import dev.wsf.api.CloseReason;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnClose;
import dev.wsf.api.annotation.OnError;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.endpoint.EndpointDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code Reader} and {@code InputStream} callbacks: own thread, bounded buffer, serial callbacks. */
@Timeout(20)
class StreamingTest {

    /** Reads only when the test says so, and records where it ran and what it read. */
    @Endpoint(path = "/gated")
    public static class Gated {
        static final CountDownLatch GATE = new CountDownLatch(1);
        static final List<String> LOG = new CopyOnWriteArrayList<>();

        @OnMessage
        public String message(Reader reader) throws IOException, InterruptedException {
            LOG.add("thread " + Thread.currentThread().getName());
            GATE.await();
            char[] buffer = new char[64];
            StringBuilder all = new StringBuilder();
            for (int n; (n = reader.read(buffer)) >= 0; ) {
                all.append(buffer, 0, n);
            }
            // A deliberate pause, part of the scenario (not synchronisation): the method is still
            // working after its last read, and onTextPart(last) must not return before it ends.
            Thread.sleep(50);
            LOG.add("read " + all);
            return "got " + all.length();
        }

        @OnClose
        public void close() {
            LOG.add("closed");
        }
    }

    @Test
    void partsFlowThroughABoundedBufferAndTheLastPartWaitsForTheMethod() throws Exception {
        EndpointDefinition d = Connection.single(AnnotatedEndpoints.builder().add(Gated.class).streamBufferSize(4).build());
        Connection c = Connection.open(d, FakeHandshakeRequest.to("/gated"));
        // The first two parts fit (4 chars); the third must wait until the method reads.
        c.handler().onTextPart(c.session(), "ab", false);
        c.handler().onTextPart(c.session(), "cd", false);
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> c.handler().onTextPart(c.session(), "ef", false));
        assertFalse(waitFor(third, 200), "the writer is held back while the buffer is full");
        Gated.GATE.countDown();
        assertTrue(waitFor(third, 5000));
        c.handler().onTextPart(c.session(), "g", true);
        // onTextPart(last) returned only after the method did: its result is already sent.
        assertEquals(List.of("got 7"), c.session().sentText());
        c.handler().onClose(c.session(), CloseReason.NORMAL);
        assertEquals("read abcdefg", Gated.LOG.get(1));
        assertEquals("closed", Gated.LOG.get(2));
        assertNotEquals("thread " + Thread.currentThread().getName(), Gated.LOG.get(0), "runs on a thread of its own");
    }

    @Endpoint(path = "/early")
    public static class StopsEarly {
        @OnMessage
        public String message(InputStream in) throws IOException {
            return "first byte " + in.read();
        }
    }

    @Test
    void aMethodThatStopsReadingDoesNotBlockTheSession() {
        EndpointDefinition d = Connection.single(AnnotatedEndpoints.builder().add(StopsEarly.class).streamBufferSize(2).build());
        Connection c = Connection.open(d, FakeHandshakeRequest.to("/early"));
        for (int i = 0; i < 50; i++) {
            c.handler().onBinaryPart(c.session(), ByteBuffer.wrap(new byte[] {7, 8, 9}), false);
        }
        c.handler().onBinaryPart(c.session(), ByteBuffer.allocate(1), true);
        c.handler().onBinaryPart(c.session(), ByteBuffer.wrap(new byte[] {5}), true);
        assertEquals(List.of("first byte 7", "first byte 5"), c.session().sentText(), "one call per message");
    }

    @Endpoint(path = "/interrupted")
    public static class Interrupted {
        static final List<Throwable> FAILURES = new CopyOnWriteArrayList<>();

        @OnMessage
        public void message(Reader reader) {
            try {
                reader.transferTo(java.io.Writer.nullWriter());
            } catch (IOException e) {
                FAILURES.add(e);
            }
        }
    }

    @Test
    void sessionEndingMidMessageFailsTheReadAndOnCloseWaitsForTheMethod() {
        Connection c = Connection.open(Interrupted.class);
        c.handler().onTextPart(c.session(), "partial", false);
        c.handler().onClose(c.session(), new CloseReason(1006, ""));
        assertEquals(1, Interrupted.FAILURES.size(), "the method had finished when onClose returned");
        assertEquals("the session ended before the whole message arrived", Interrupted.FAILURES.get(0).getMessage());
    }

    @Endpoint(path = "/throws")
    public static class Throws {
        static final List<Throwable> ERRORS = new CopyOnWriteArrayList<>();

        @OnMessage
        public void message(InputStream in) throws IOException {
            in.read();
            throw new IOException("bad stream content");
        }

        @OnError
        public void error(Throwable t) {
            ERRORS.add(t);
        }
    }

    @Test
    void anExceptionFromAStreamingMethodGoesToOnError() {
        Connection c = Connection.open(Throws.class);
        c.handler().onBinaryPart(c.session(), ByteBuffer.allocate(2), false);
        c.handler().onBinaryPart(c.session(), ByteBuffer.allocate(2), true);
        assertInstanceOf(IOException.class, Throws.ERRORS.get(0));
        assertTrue(c.session().isOpen());
    }

    @Test
    void aWholeMessageDeliveredToAStreamingEndpointIsOnePart() {
        Connection c = Connection.open(StopsEarly.class);
        c.handler().onBinary(c.session(), ByteBuffer.wrap(new byte[] {3}));
        assertEquals(List.of("first byte 3"), c.session().sentText());
    }

    @Test
    void theStreamExecutorCanBeChosen() {
        List<Runnable> ran = new CopyOnWriteArrayList<>();
        EndpointDefinition d = Connection.single(AnnotatedEndpoints.builder().add(StopsEarly.class)
                .streamExecutor(task -> {
                    ran.add(task);
                    new Thread(task, "custom-stream").start();
                }).build());
        Connection c = Connection.open(d, FakeHandshakeRequest.to("/early"));
        c.handler().onBinaryPart(c.session(), ByteBuffer.wrap(new byte[] {1}), true);
        assertEquals(1, ran.size());
        assertEquals(List.of("first byte 1"), c.session().sentText());
    }

    private static boolean waitFor(CompletableFuture<Void> f, long millis) throws Exception {
        try {
            f.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }
}
