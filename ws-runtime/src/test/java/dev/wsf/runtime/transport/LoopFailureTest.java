package dev.wsf.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.runtime.io.MemoryBudget;
import dev.wsf.runtime.io.Protocol;
import dev.wsf.runtime.io.Transport;
import dev.wsf.testkit.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One connection's failure, whatever it throws, never reaches the others or the loop. */
class LoopFailureTest {
    private IoLoops loops;

    /** Echoes bytes; a byte 'E' makes it throw an Error, 'R' a RuntimeException, 'O' an OutOfMemoryError. */
    private static final class Echo implements Protocol {
        final Transport transport;
        final Set<Echo> ticked;
        volatile boolean failTicks;

        Echo(Transport transport, Set<Echo> ticked) {
            this.transport = transport;
            this.ticked = ticked;
        }

        @Override
        public void onRead(ByteBuffer data) {
            byte first = data.get(data.position());
            switch (first) {
                case 'E' -> throw new AssertionError("an Error from a protocol");
                case 'R' -> throw new IllegalStateException("a RuntimeException from a protocol");
                case 'O' -> throw new OutOfMemoryError("a pretend OutOfMemoryError");
                case 'T' -> failTicks = true;
                default -> { }
            }
            transport.enqueue(ByteBuffer.allocate(data.remaining()).put(data).flip(), null, null);
            transport.flush();
        }

        @Override
        public void onEof() {
            transport.close();
        }

        @Override
        public void onTick(long nowNanos) {
            if (failTicks) {
                throw new IllegalStateException("a failing tick");
            }
            ticked.add(this);
        }

        @Override
        public void onShutdown() {
            transport.close();
        }

        @Override
        public void onOverload() {
            transport.close();
        }

        @Override
        public void onClosed(Throwable cause) {
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (loops != null) {
            loops.stop(Duration.ofSeconds(5));
        }
    }

    private InetSocketAddress start(Set<Echo> ticked) throws IOException {
        loops = new IoLoops(1, "failure-test", Duration.ofMillis(20), new MemoryBudget(1 << 20),
                dev.wsf.api.metrics.WebSocketMetrics.NONE, cause -> { });
        return loops.listen(new InetSocketAddress("127.0.0.1", 0), 50, null, false, t -> new Echo(t, ticked));
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes());
        byte[] b = s.getInputStream().readNBytes(text.length());
        return new String(b);
    }

    @Test
    void whateverAConnectionThrowsClosesItAloneAndTheLoopGoesOn() throws IOException {
        InetSocketAddress address = start(ConcurrentHashMap.newKeySet());
        try (Socket witness = new Socket(address.getAddress(), address.getPort())) {
            witness.setSoTimeout(5000);
            assertEquals("hello", roundTrip(witness, "hello"));
            for (String poison : new String[] {"E", "R", "O"}) {
                try (Socket victim = new Socket(address.getAddress(), address.getPort())) {
                    victim.setSoTimeout(5000);
                    victim.getOutputStream().write(poison.getBytes());
                    InputStream in = victim.getInputStream();
                    assertEquals(-1, in.read(), poison + ": the failing connection is closed");
                }
                assertEquals("still " + poison, roundTrip(witness, "still " + poison), "the others keep going");
            }
        }
    }

    @Test
    void aFailingTickSkipsNoOtherConnection() throws Exception {
        Set<Echo> ticked = ConcurrentHashMap.newKeySet();
        InetSocketAddress address = start(ticked);
        try (Socket bad = new Socket(address.getAddress(), address.getPort());
             Socket good = new Socket(address.getAddress(), address.getPort())) {
            bad.setSoTimeout(5000);
            good.setSoTimeout(5000);
            roundTrip(bad, "T"); // from now on its ticks throw, every time
            roundTrip(good, "g");
            assertEquals(-1, bad.getInputStream().read(), "a failing tick closes that connection");
            ticked.clear();
            Eventually.until(Duration.ofSeconds(5), () -> !ticked.isEmpty(), () -> "a tick after the failing one");
            assertEquals(1, ticked.size(), "the good connection is still ticked");
        }
    }

    @Test
    void aLoopWhoseMachineryKeepsFailingGivesUpClosesItsConnectionsAndSaysSo() throws Exception {
        CompletableFuture<Throwable> died = new CompletableFuture<>();
        SelectorLoop loop = new SelectorLoop("doomed-loop", TimeUnit.MILLISECONDS.toNanos(20));
        loop.onDeath(died::complete);
        loop.start();
        CountDownLatch registered = new CountDownLatch(1);
        loop.execute(registered::countDown);
        assertTrue(registered.await(5, TimeUnit.SECONDS));
        loop.selector().close(); // every round now fails: ClosedSelectorException
        Throwable cause = died.get(10, TimeUnit.SECONDS);
        assertTrue(cause instanceof java.nio.channels.ClosedSelectorException, String.valueOf(cause));
        loop.join(5000);
        assertTrue(!loop.isAlive(), "the thread ended instead of spinning");
    }
}
