package dev.wsf.runtime.hostile;

import static dev.wsf.runtime.hostile.ProcessResources.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.runtime.WebSocketServer;
import dev.wsf.runtime.testing.UpgradeRequestBuilder;
import dev.wsf.testkit.Eventually;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 1: peers announce the largest message allowed and send almost none of it. An engine
 * that sizes its buffers from the announced length hands each of them 4 MiB for a few bytes;
 * ours grows with what arrives, and sheds the connections holding the most once the total of
 * what has arrived passes the memory budget.
 */
@Tag("hostile")
class AnnouncedLengthTest {
    static final int ATTACKERS = 300;
    /** The message limit: the most a peer may announce without being refused at the header. */
    static final long ANNOUNCED = 4 * MIB;
    static final long BUDGET = 32 * MIB;
    private static final int MASK_KEY = 0x5A3C_96E1;

    /** Where the announced length is: one whole frame, a compressed frame, a first fragment. */
    enum Shape {
        WHOLE_FRAME(0x82, false),
        COMPRESSED_FRAME(0xC2, true), // RSV1: permessage-deflate collects the frame before inflating it
        FIRST_FRAGMENT(0x02, false);  // FIN clear: the message's first of several frames

        final int firstByte;
        final boolean deflate;

        Shape(int firstByte, boolean deflate) {
            this.firstByte = firstByte;
            this.deflate = deflate;
        }
    }

    private static final HostileEndpoints endpoints = new HostileEndpoints();
    private static WebSocketServer server;
    private final List<Peer> attackers = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = endpoints.serve(BUDGET);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @AfterEach
    void release() throws IOException {
        for (Peer p : attackers) {
            p.close();
        }
        attackers.clear();
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void aHeaderAnnouncingFourMebibytesCostsWhatArrives(Shape shape) throws Exception {
        try (HostileRun run = HostileRun.begin("announced-length " + shape, server, endpoints)) {
            attack(shape, 1);
            Eventually.until(Duration.ofSeconds(10), () -> server.stats().memoryUsed() >= ATTACKERS,
                    () -> "the server to hold the byte each attacker sent: " + server.stats());
            run.holdFor(50);
            assertEquals(ATTACKERS + 1, server.connectionCount(), "every attacker is still connected");
            // Without the defence: 300 x 4 MiB = 1200 MiB allocated for 300 bytes received.
            // With it: at most 16 KiB each (the first allocation), 4.7 MiB in all, plus about
            // 2 KiB per idle session; 16 MiB allows three times that.
            run.underAttack(ATTACKERS * ANNOUNCED, 16 * MIB);
            release();
            run.end();
        }
    }

    /**
     * The same attackers then each send 160 KiB of their message, 47 MiB in all against a
     * 32 MiB budget: the budget closes the connections that hold the most with 1013, the others
     * stay connected, and the accounted memory never passes the budget by more than the slack.
     */
    @Test
    void partialMessagesPastTheBudgetAreShed() throws Exception {
        try (HostileRun run = HostileRun.begin("partial messages past the budget", server, endpoints)) {
            long shedBefore = server.stats().overloadClosures();
            attack(Shape.WHOLE_FRAME, 1);
            byte[] more = new byte[160 * 1024];
            for (Peer p : attackers) {
                try {
                    p.send(mask(more, 1));
                } catch (IOException e) {
                    // already shed and closed by the server: what this test expects for some
                }
            }
            // The budget sheds down to three quarters of itself: 24 MiB held by ~150 KiB
            // connections is at most ~170 of the 300 left open.
            Eventually.until(Duration.ofSeconds(10), () -> server.stats().overloadClosures() > shedBefore
                            && server.connectionCount() == 1 + ATTACKERS - (server.stats().overloadClosures() - shedBefore),
                    () -> "the budget to shed and the shed connections to close: " + server.stats());
            long shed = server.stats().overloadClosures() - shedBefore;
            // 300 x 4 MiB = 1200 MiB without the defence of growing with what arrives; 47 MiB
            // received (in buffers of up to 256 KiB, 75 MiB) if the budget did not shed. With
            // it: what the budget lets stand plus the sessions themselves.
            run.underAttack(ATTACKERS * ANNOUNCED, BUDGET + HostileRun.BUDGET_SLACK + 4 * MIB);
            assertEquals(shed, closedWith1013(), "every shed connection got 1013");
            run.holdFor(25);
            release();
            run.end();
            assertTrue(shed < ATTACKERS, "some attackers were left alone: " + shed + " shed");
        }
    }

    /** The attackers whose connection the server closed, each checked for its 1013. */
    private long closedWith1013() throws IOException {
        long count = 0;
        for (Peer p : attackers) {
            if (p.socket.getInputStream().available() > 0) {
                Peer.Frame close = p.readClose();
                assertEquals(1013, close.closeCode(), "a shed attacker's close frame: " + close);
                count++;
            }
        }
        return count;
    }

    /** Opens the attackers, each sending a header that announces {@link #ANNOUNCED} and {@code sent} bytes. */
    private void attack(Shape shape, int sent) throws IOException {
        UpgradeRequestBuilder request = UpgradeRequestBuilder.to(HostileEndpoints.ECHO);
        if (shape.deflate) {
            request.header("Sec-WebSocket-Extensions", "permessage-deflate");
        }
        for (int i = 0; i < ATTACKERS; i++) {
            Peer p = Peer.connect(server.port(), 0).upgrade(request);
            attackers.add(p);
            if (shape.deflate && !p.responseHead.contains("permessage-deflate")) {
                throw new AssertionError("permessage-deflate was not negotiated: " + p.responseHead);
            }
            p.send(header(shape.firstByte, ANNOUNCED)).send(mask(new byte[sent], 0));
        }
    }

    /** A masked frame header with the 64-bit length form. */
    static byte[] header(int firstByte, long length) {
        return ByteBuffer.allocate(14).put((byte) firstByte).put((byte) (0x80 | 127)).putLong(length)
                .putInt(MASK_KEY).array();
    }

    /** {@code data} masked as the payload bytes from {@code offset} on. */
    static byte[] mask(byte[] data, long offset) {
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            int k = (int) ((offset + i) % 4);
            out[i] = (byte) (data[i] ^ (MASK_KEY >>> (24 - 8 * k)));
        }
        return out;
    }
}
