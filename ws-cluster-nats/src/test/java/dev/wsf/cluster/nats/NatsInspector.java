package dev.wsf.cluster.nats;

import dev.wsf.cluster.testkit.BrokerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server itself says about subscriptions (its monitoring endpoint
 * {@code /connz?subs=1}), and a raw publisher: the test's own client.
 */
final class NatsInspector implements AutoCloseable {
    private static final Pattern SUBSCRIPTIONS = Pattern.compile("\"subscriptions_list\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private final HttpClient http = HttpClient.newHttpClient();
    private final BrokerProcess nats;
    private Connection raw;

    NatsInspector(BrokerProcess nats) {
        this.nats = nats;
    }

    /** The subjects each client connection is subscribed to, one list per connection that has any. */
    List<List<String>> subscriptionsByConnection() {
        String json;
        try {
            json = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nats.monitorPort() + "/connz?subs=1"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        List<List<String>> all = new ArrayList<>();
        Matcher m = SUBSCRIPTIONS.matcher(json);
        while (m.find()) {
            List<String> subjects = new ArrayList<>();
            Matcher s = STRING.matcher(m.group(1));
            while (s.find()) {
                subjects.add(s.group(1));
            }
            if (!subjects.isEmpty()) {
                all.add(subjects);
            }
        }
        return all;
    }

    /** How many connections (nodes) the server has subscribed to {@code subject}. */
    long subscribers(String subject) {
        return subscriptionsByConnection().stream().filter(l -> l.contains(subject)).count();
    }

    /** Every subject with a subscriber, sorted. */
    List<String> subjects() {
        TreeSet<String> all = new TreeSet<>();
        subscriptionsByConnection().forEach(all::addAll);
        return List.copyOf(all);
    }

    /** Publishes raw bytes on a subject, as something other than a wsf node would. */
    void publish(String subject, byte[] payload) throws Exception {
        if (raw == null) {
            raw = Nats.connect("nats://127.0.0.1:" + nats.port());
        }
        raw.publish(subject, payload);
        raw.flush(java.time.Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        if (raw != null) {
            try {
                raw.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
