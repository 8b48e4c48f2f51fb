package dev.wsf.annotated;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wsf.annotated.testing.Connection;
import dev.wsf.annotated.testing.FakeHandshakeRequest;
import dev.wsf.api.Session;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.PathParam;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * A whole message delivered to a callback costs no allocation of the framework's own: no argument
 * array, no boxing of per-session values, no reflection. Measured with the JVM's per-thread
 * allocation counter after warming up, so that the JIT has compiled the path.
 */
class HotPathAllocationTest {

    @Endpoint(path = "/counter/{step}")
    public static class Counter {
        long total;

        @OnMessage
        public void text(@PathParam("step") int step, String text, Session session) {
            total += step + text.length();
        }

        @OnMessage
        public void binary(ByteBuffer bytes, @PathParam("step") int step) {
            total += step + bytes.remaining();
        }
    }

    @Test
    void deliveringWholeMessagesAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = threadBean();
        Connection c = Connection.open(Counter.class, FakeHandshakeRequest.to("/counter/3").pathParameter("step", "3"));
        String text = "hello";
        ByteBuffer bytes = ByteBuffer.allocate(16);
        Runnable deliver = () -> {
            for (int i = 0; i < 10_000; i++) {
                c.handler().onText(c.session(), text);
                c.handler().onBinary(c.session(), bytes);
            }
        };
        for (int round = 0; round < 30; round++) {
            deliver.run(); // warm-up: interpreter and lambda forms allocate until compiled
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        deliver.run();
        long perMessage = (threads.getThreadAllocatedBytes(thread) - before) / 20_000;
        assertTrue(perMessage < 8, "allocated " + perMessage + " bytes per message");
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        var bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        var threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }
}
