package dev.wsf.cluster.nats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.cluster.testkit.BusUnreachableContract;
import dev.wsf.testkit.Eventually;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link BusUnreachableContract} for a NATS server that is not there, and what is NATS's own: a
 * URL may carry credentials, which the log never shows.
 */
class NatsUnreachableTest extends BusUnreachableContract {

    @Override
    protected Class<NatsTopicBus> busType() {
        return NatsTopicBus.class;
    }

    @Override
    protected NatsTopicBus.Builder busAtPort() {
        return NatsTopicBus.builder("nats://127.0.0.1:" + port);
    }

    @Override
    protected String cannotReach() {
        return "cannot reach NATS at nats://127.0.0.1:" + port;
    }

    @Test
    void credentialsInTheUrlNeverReachTheLog() {
        String withCredentials = "nats://alice:s3cret@127.0.0.1:" + port + ",nats://t0ken@127.0.0.1:" + port;
        bus = retryingQuickly(NatsTopicBus.builder(withCredentials)).build();
        bus.start("a", received::add);
        bus.publish(message(0));
        // the failed attempt's line names the servers, and quotes jnats' message, which quotes the URL as given
        String attempt = "cannot reach NATS at nats://127.0.0.1:" + port + ",nats://127.0.0.1:" + port + " (attempt ";
        Eventually.until(Duration.ofSeconds(20),
                () -> logged(Level.DEBUG).stream().filter(l -> l.startsWith(attempt)).count() >= 2,
                () -> "no attempt logged: " + logged(Level.DEBUG));
        List<String> lines = logged(Level.DEBUG);
        assertTrue(lines.stream().anyMatch(l -> l.contains("nats://127.0.0.1:" + port)), () -> "names the server: " + lines);
        assertTrue(lines.stream().noneMatch(l -> l.contains("s3cret") || l.contains("alice") || l.contains("t0ken")),
                () -> "credentials logged: " + lines);
    }
}
