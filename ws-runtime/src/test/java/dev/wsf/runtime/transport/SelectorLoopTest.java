package dev.wsf.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SelectorLoopTest {
    /**
     * Autobahn 6.x and 7.x with Dispatch.IO_THREAD: the session's close after the close handshake
     * is queued on the loop by the flush at the end of a round. It must run at once, not at the
     * next tick (up to a second later), or the peer sees the server keep TCP open.
     */
    @Test
    void aTaskQueuedByTheLoopAfterItsTasksRanDoesNotWaitForTheNextTick() throws InterruptedException {
        SelectorLoop loop = new SelectorLoop("test-loop", TimeUnit.SECONDS.toNanos(30));
        loop.start();
        try {
            CountDownLatch ran = new CountDownLatch(1);
            // From outside: a task that schedules a timer; the timer, run later in the same round,
            // queues the task under test from the loop thread itself (no wakeup).
            loop.execute(() -> loop.schedule(0, () -> loop.execute(ran::countDown)));
            assertTrue(ran.await(2, TimeUnit.SECONDS), "the task waited for the next tick");
        } finally {
            loop.stop();
            loop.join(5000);
        }
    }
}
