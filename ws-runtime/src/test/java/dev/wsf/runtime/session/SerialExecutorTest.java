package dev.wsf.runtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
    private final List<Throwable> failures = new ArrayList<>();

    @Test
    void tasksSubmittedByATaskRunAfterItInOrder() {
        List<String> ran = new ArrayList<>();
        SerialExecutor serial = new SerialExecutor(Runnable::run, failures::add);
        serial.execute(() -> {
            ran.add("a");
            serial.execute(() -> ran.add("c"));
            serial.execute(() -> ran.add("d"));
            ran.add("b");
        });
        serial.execute(() -> ran.add("e")); // the queue emptied and went away: a new one serves this
        assertEquals(List.of("a", "b", "c", "d", "e"), ran);
        assertEquals(List.of(), failures);
    }

    @Test
    void aFailingTaskGoesToTheHandlerAndTheNextOneRuns() {
        List<String> ran = new ArrayList<>();
        SerialExecutor serial = new SerialExecutor(Runnable::run, failures::add);
        serial.execute(() -> {
            serial.execute(() -> ran.add("after"));
            throw new IllegalStateException("boom");
        });
        assertEquals(List.of("after"), ran);
        assertEquals("boom", failures.get(0).getMessage());
    }

    @Test
    void anInlineClaimHoldsBackTasksUntilItExits() {
        List<String> ran = new ArrayList<>();
        SerialExecutor serial = new SerialExecutor(Runnable::run, failures::add);
        assertTrue(serial.tryEnter());
        assertFalse(serial.tryEnter(), "one claim at a time");
        serial.execute(() -> ran.add("queued"));
        assertEquals(List.of(), ran);
        serial.exit();
        assertEquals(List.of("queued"), ran);
        assertTrue(serial.tryEnter(), "free again");
        serial.exit();
    }

    @Test
    void tasksFromManyThreadsNeverOverlap() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialExecutor serial = new SerialExecutor(pool, failures::add);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            int tasks = 20_000;
            CountDownLatch done = new CountDownLatch(tasks);
            for (int t = 0; t < 4; t++) {
                pool.execute(() -> {
                    for (int i = 0; i < tasks / 4; i++) {
                        serial.execute(() -> {
                            if (running.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            running.decrementAndGet();
                            done.countDown();
                        });
                    }
                });
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
            assertEquals(0, overlaps.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
