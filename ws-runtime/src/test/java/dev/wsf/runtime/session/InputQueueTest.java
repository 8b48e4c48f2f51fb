package dev.wsf.runtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.runtime.testing.FakeTransport;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class InputQueueTest {
    private final FakeTransport transport = new FakeTransport();
    private final InputQueue queue = new InputQueue(transport);

    @Test
    void onlyTheFirstAddStartsADrainUntilTheQueueRunsDry() {
        assertTrue(queue.add(ByteBuffer.allocate(10)));
        assertFalse(queue.add(ByteBuffer.allocate(10)), "a drain is already under way");
        assertEquals(10, queue.poll().capacity());
        assertEquals(10, queue.poll().capacity());
        assertNull(queue.poll(), "empty: the drain ends");
        assertTrue(queue.add(ByteBuffer.allocate(1)), "the next add starts a new drain");
    }

    @Test
    void stopsReadingWhenTooFarBehindAndResumesAtHalf() {
        int chunk = 64 * 1024;
        queue.add(ByteBuffer.allocate(chunk));
        for (int i = 1; i * chunk <= InputQueue.MAX_PENDING; i++) {
            queue.add(ByteBuffer.allocate(chunk));
        }
        assertTrue(transport.readingSuspended, "5 chunks: past " + InputQueue.MAX_PENDING + " bytes");
        queue.poll();
        queue.poll();
        queue.poll();
        assertTrue(transport.readingSuspended, "exactly half still waiting");
        queue.poll();
        assertFalse(transport.readingSuspended, "below half: reading again");
    }

    @Test
    void endOfInputKeepsItsPlace() {
        queue.add(ByteBuffer.allocate(3));
        queue.add(InputQueue.END_OF_INPUT);
        assertEquals(3, queue.poll().remaining());
        assertSame(InputQueue.END_OF_INPUT, queue.poll());
    }
}
