package dev.wsf.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.topic.BusStats;
import org.junit.jupiter.api.Test;

/** Every published message ends up sent or dropped, and drops are logged at most once a minute. */
class BusCountersTest {
    private final RecordingLogger log = new RecordingLogger();
    private final BusCounters counters = new BusCounters(log);

    @Test
    void publishedIsSentPlusDroppedAndAMessageTheClientDiscardsAfterAllMovesToDropped() {
        for (int i = 0; i < 4; i++) {
            counters.published();
        }
        counters.sent();
        counters.sent();
        counters.sent();
        counters.dropped("not connected");
        counters.unsent("the client's queue was full");
        counters.reconnected();

        assertEquals(new BusStats(4, 2, 2, 0, 0, 1, false), counters.stats(false));
    }

    @Test
    void repeatedDropsAreLoggedOnceAMinuteAtMost() {
        for (int i = 0; i < 1000; i++) {
            counters.dropped("not connected to Redis at 127.0.0.1:1");
        }
        assertEquals(1000, counters.stats(false).dropped());
        assertEquals(1, log.lines.size(), log.lines.toString());
        assertTrue(log.lines.get(0).startsWith("WARNING not delivering messages to the other nodes (not connected to"
                + " Redis at 127.0.0.1:1)"), log.lines.get(0));
    }
}
