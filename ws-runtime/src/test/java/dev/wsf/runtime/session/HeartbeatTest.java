package dev.wsf.runtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeartbeatTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void pingsEachIntervalWhileTheyAreAnswered() {
        Heartbeat h = new Heartbeat(10 * SECOND, 5 * SECOND, 0);
        assertEquals(Heartbeat.Action.NONE, h.tick(9 * SECOND));
        assertEquals(Heartbeat.Action.PING, h.tick(10 * SECOND));
        assertEquals(Heartbeat.Action.NONE, h.tick(12 * SECOND), "one ping at a time");
        h.pongReceived();
        assertEquals(Heartbeat.Action.NONE, h.tick(19 * SECOND));
        assertEquals(Heartbeat.Action.PING, h.tick(20 * SECOND));
    }

    @Test
    void givesUpWhenThePongIsLate() {
        Heartbeat h = new Heartbeat(10 * SECOND, 5 * SECOND, 0);
        h.tick(10 * SECOND);
        assertEquals(Heartbeat.Action.NONE, h.tick(15 * SECOND));
        assertEquals(Heartbeat.Action.GIVE_UP, h.tick(15 * SECOND + 1));
    }

    @Test
    void disabledWithAZeroInterval() {
        assertEquals(Heartbeat.Action.NONE, new Heartbeat(0, 0, 0).tick(Long.MAX_VALUE / 2));
    }
}
