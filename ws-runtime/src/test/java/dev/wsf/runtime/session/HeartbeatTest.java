package dev.wsf.runtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeartbeatTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void pingsEachIntervalWhileTheyAreAnswered() {
        Heartbeat h = new Heartbeat(10 * SECOND, 5 * SECOND, 0);
        assertEquals(Heartbeat.Action.NONE, h.tick(9 * SECOND, 0));
        assertEquals(Heartbeat.Action.PING, h.tick(10 * SECOND, 0));
        assertEquals(Heartbeat.Action.NONE, h.tick(12 * SECOND, 0), "one ping at a time");
        h.pongReceived();
        assertEquals(Heartbeat.Action.NONE, h.tick(19 * SECOND, 0));
        assertEquals(Heartbeat.Action.PING, h.tick(20 * SECOND, 0));
    }

    @Test
    void givesUpWhenThePongIsLate() {
        Heartbeat h = new Heartbeat(10 * SECOND, 5 * SECOND, 0);
        h.tick(10 * SECOND, 0);
        assertEquals(Heartbeat.Action.NONE, h.tick(15 * SECOND, 0));
        assertEquals(Heartbeat.Action.GIVE_UP, h.tick(15 * SECOND + 1, 0));
    }

    @Test
    void aPeerThatTakesOurDataIsAliveEvenIfItsPongIsLate() {
        Heartbeat h = new Heartbeat(10 * SECOND, 5 * SECOND, 0);
        assertEquals(Heartbeat.Action.PING, h.tick(10 * SECOND, 1_000));
        assertEquals(Heartbeat.Action.NONE, h.tick(15 * SECOND + 1, 1_000 + 64 * 1024),
                "it read 64 KiB of what we sent since the ping: its pong is stuck behind its own data");
        assertEquals(Heartbeat.Action.PING, h.tick(20 * SECOND, 1_000 + 64 * 1024), "and it is pinged again");
        assertEquals(Heartbeat.Action.GIVE_UP, h.tick(25 * SECOND + 1, 1_000 + 64 * 1024 + 100),
                "a ping's worth of bytes is no sign of life");
    }

    @Test
    void disabledWithAZeroInterval() {
        assertEquals(Heartbeat.Action.NONE, new Heartbeat(0, 0, 0).tick(Long.MAX_VALUE / 2, 0));
    }
}
