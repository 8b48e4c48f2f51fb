package dev.wsf.cluster.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the builder refuses, and how it says so: a URL jnats cannot use is refused here, rather
 * than failing every connection attempt forever. Needs no broker (nothing here connects).
 */
class NatsBuilderTest {
    private static final String EXPECTED = "not a NATS URL (nats://[user:password@|token@]host[:port], tls://host:port,"
            + " or several separated by commas): ";

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:4222", "nats://", "not a url", "nats://127.0.0.1:port"})
    void aStringThatIsNoNatsUrlIsRefusedSayingWhatIsExpected(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NatsTopicBus.builder(url));
        assertTrue(e.getMessage().startsWith(EXPECTED), e.getMessage());
        assertTrue(e.getMessage().length() > EXPECTED.length(), "and why: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "nats://127.0.0.1:4222,", ",nats://127.0.0.1:4222", "nats://a:4222,,nats://b:4222"})
    void noServerOrAnEmptyOneIsRefused(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NatsTopicBus.builder(url));
        assertEquals(EXPECTED + "no server, or an empty one between commas", e.getMessage());
    }

    @Test
    void aRefusedUrlIsNotQuotedWithItsCredentials() { // applications log this exception, stack trace and all
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NatsTopicBus.builder("http://alice:s3cret@127.0.0.1:4222"));
        assertTrue(e.getMessage().startsWith(EXPECTED), e.getMessage());
        assertTrue(!e.getMessage().contains("s3cret") && !e.getMessage().contains("alice"), e.getMessage());
        assertEquals(null, e.getCause(), "jnats' exception quotes the URL as given");
    }

    @Test
    void credentialsAreCutFromWhatJnatsSays() {
        assertEquals("Unable to connect to NATS servers: [nats://127.0.0.1:4222, tls://b:4443]",
                NatsTopicBus.withoutCredentials(
                        "Unable to connect to NATS servers: [nats://alice:s3/cret@127.0.0.1:4222, tls://t0ken@b:4443]"));
        assertEquals("nats://a:4222,nats://b", NatsTopicBus.withoutCredentials("nats://u:p@a:4222,nats://tok@b"));
        assertEquals("nats://a:4222", NatsTopicBus.withoutCredentials("nats://a:4222"));
    }

    @Test
    void validUrlsAreTaken() {
        NatsTopicBus.builder("nats://127.0.0.1:4222");
        NatsTopicBus.builder("tls://nats.example:4443");
        NatsTopicBus.builder("nats://user:secret@a:4222,nats://b:4222");
        NatsTopicBus.builder("127.0.0.1:4222"); // jnats reads a bare host:port as nats://
    }

    @Test
    void aNullUrlIsRefusedByName() {
        assertEquals("url", assertThrows(NullPointerException.class, () -> NatsTopicBus.builder(null)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void maxPendingMustBePositive(int maxPending) {
        NatsTopicBus.Builder b = NatsTopicBus.builder("nats://127.0.0.1:4222");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.maxPending(maxPending));
        assertEquals("maxPending must be positive: " + maxPending, e.getMessage());
    }

    @Test
    void reconnectDelaysMustBePositiveAndInOrder() {
        NatsTopicBus.Builder b = NatsTopicBus.builder("nats://127.0.0.1:4222");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.reconnectDelay(Duration.ofSeconds(2), Duration.ofMillis(500)));
        assertEquals("reconnectDelay needs 0 < min <= max, not min PT2S and max PT0.5S", e.getMessage());
        assertEquals("reconnectDelay min",
                assertThrows(NullPointerException.class, () -> b.reconnectDelay(null, Duration.ofSeconds(1))).getMessage());
    }
}
