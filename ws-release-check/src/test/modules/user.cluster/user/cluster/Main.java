package user.cluster;

import dev.wsf.api.topic.TopicBus;
import dev.wsf.cluster.nats.NatsTopicBus;
import dev.wsf.cluster.redis.RedisTopicBus;
import java.time.Duration;

/**
 * Builds and starts a Redis bus and a NATS bus against the brokers named by its two arguments (none
 * need be listening: a bus that cannot connect retries in the background), prints each bus's
 * module and stats, closes them and exits 0.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        TopicBus[] buses = {
            RedisTopicBus.builder(args[0]).maxPending(10).reconnectDelay(Duration.ofMillis(100), Duration.ofSeconds(1))
                    .build(),
            NatsTopicBus.builder(args[1]).maxPending(10).reconnectDelay(Duration.ofMillis(100), Duration.ofSeconds(1))
                    .build()};
        for (TopicBus bus : buses) {
            bus.start("user-node", message -> System.out.println("RECEIVED " + message));
            bus.subscribe("news");
        }
        Thread.sleep(300);
        for (TopicBus bus : buses) {
            System.out.println("BUS " + bus.getClass().getModule().getName() + " " + bus.stats());
            bus.close();
        }
    }
}
