package dev.wsf.annotated.bind;

import java.io.Closeable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * One call of a streaming ({@code Reader} or {@code InputStream}) callback, in progress: the user
 * method runs on a thread of the stream executor and reads what the session's callback thread
 * {@linkplain #write writes}. Confined to the session's callback thread except for the method
 * itself.
 */
final class StreamingCall {

    /** The user method, given the stream to read. */
    @FunctionalInterface
    interface Body {
        Object call(Closeable stream) throws Throwable;
    }

    /** What the method did: returned {@code value}, or threw {@code failure}. */
    record Outcome(Object value, Throwable failure) {
    }

    private final ChunkPipe pipe;
    private final CompletableFuture<Object> result = new CompletableFuture<>();

    private StreamingCall(ChunkPipe pipe) {
        this.pipe = pipe;
    }

    /** Starts {@code body} on {@code executor}, reading a text or binary stream. */
    static StreamingCall start(Executor executor, boolean text, long capacity, Body body) {
        ChunkPipe pipe = new ChunkPipe(capacity);
        StreamingCall call = new StreamingCall(pipe);
        Closeable stream = text ? new PipeReader(pipe) : new PipeInputStream(pipe);
        Runnable run = () -> {
            try {
                call.result.complete(body.call(stream));
            } catch (Throwable t) {
                call.result.completeExceptionally(t);
            } finally {
                pipe.closeReader(); // whatever the method left unread is discarded from now on
            }
        };
        try {
            executor.execute(run);
        } catch (RuntimeException rejected) {
            pipe.closeReader();
            call.result.completeExceptionally(rejected);
        }
        return call;
    }

    /**
     * Hands one part to the method, waiting while the pipe is full. An interrupt aborts the call.
     */
    void write(Object chunk, int size) {
        try {
            pipe.put(chunk, size);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pipe.abort();
        }
    }

    /** Ends the message and waits for the method to return. */
    Outcome finish() {
        pipe.finish();
        return await();
    }

    /** Fails the method's further reads (the session ended) and waits for it to return. */
    Outcome abort() {
        pipe.abort();
        return await();
    }

    private Outcome await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return new Outcome(result.get(), null);
                } catch (InterruptedException e) {
                    // Keep callbacks serial: the method must be done before the session moves on.
                    interrupted = true;
                    pipe.abort();
                } catch (ExecutionException e) {
                    return new Outcome(null, e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
