package dev.wsf.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the builder refuses, and how it says so: at build time, not at the first connection
 * attempt on some client thread. Needs no broker (nothing here connects).
 */
class RedisBuilderTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost:6379", "http://127.0.0.1:6379", "redis://", "redis://127.0.0.1:99999",
            "redis://127.0.0.1:6379/notadatabase", "not a uri"})
    void aStringThatIsNoRedisUriIsRefusedSayingWhatIsExpected(String uri) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisTopicBus.builder(uri));
        assertTrue(e.getMessage().startsWith("not a Redis URI (redis://[[user:]password@]host[:port][/database]"),
                e.getMessage());
        assertNotNull(e.getCause(), "Lettuce's own complaint is kept as the cause");
        assertTrue(e.getMessage().endsWith(e.getCause().getMessage()), "and its message repeated: " + e.getMessage());
    }

    @Test
    void aNullUriIsRefusedByName() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> RedisTopicBus.builder((String) null));
        assertEquals("uri", e.getMessage());
        assertThrows(NullPointerException.class, () -> RedisTopicBus.builder((io.lettuce.core.RedisURI) null));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void maxPendingMustBePositive(int maxPending) {
        RedisTopicBus.Builder b = RedisTopicBus.builder("redis://127.0.0.1:6379");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.maxPending(maxPending));
        assertEquals("maxPending must be positive: " + maxPending, e.getMessage());
        b.maxPending(1); // the smallest that is
    }

    @Test
    void reconnectDelaysMustBePositiveAndInOrder() {
        RedisTopicBus.Builder b = RedisTopicBus.builder("redis://127.0.0.1:6379");
        IllegalArgumentException reversed = assertThrows(IllegalArgumentException.class,
                () -> b.reconnectDelay(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertEquals("reconnectDelay needs 0 < min <= max, not min PT2S and max PT1S", reversed.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> b.reconnectDelay(Duration.ZERO, Duration.ofSeconds(1)));
        assertEquals("reconnectDelay needs 0 < min <= max, not min PT0S and max PT1S", zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.reconnectDelay(Duration.ofMillis(-1), Duration.ofSeconds(1)));
        assertEquals("reconnectDelay min",
                assertThrows(NullPointerException.class, () -> b.reconnectDelay(null, Duration.ofSeconds(1))).getMessage());
        assertEquals("reconnectDelay max",
                assertThrows(NullPointerException.class, () -> b.reconnectDelay(Duration.ofSeconds(1), null)).getMessage());
        b.reconnectDelay(Duration.ofMillis(100), Duration.ofMillis(100)); // min == max is a fixed delay
    }

    @Test
    void aNullChannelPrefixIsRefused() {
        RedisTopicBus.Builder b = RedisTopicBus.builder("redis://127.0.0.1:6379");
        assertEquals("prefix", assertThrows(NullPointerException.class, () -> b.channelPrefix(null)).getMessage());
    }
}
