package dev.wsf.micrometer;

import dev.wsf.api.metrics.WebSocketMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The metrics of a wsf server (or client) as Micrometer meters: give one to
 * {@code ServerConfig.builder().metrics(new MicrometerMetrics(registry))}.
 *
 * <h2>Meters</h2>
 * Names follow Micrometer's conventions (lower case, dot-separated, base units: seconds for
 * timers, bytes for sizes); a registry renders them its own way, e.g. Prometheus as
 * {@code websocket_sessions_active} or {@code websocket_bytes_read_bytes_total}.
 * <table>
 *   <caption>The meters and their tags</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code websocket.connections.active}</td><td>gauge</td><td></td></tr>
 *   <tr><td>{@code websocket.connections.refused}</td><td>counter</td><td>{@code reason}: {@code max_connections}, {@code max_per_address}, {@code max_handshakes}</td></tr>
 *   <tr><td>{@code websocket.handshakes}</td><td>timer</td><td>{@code endpoint}, {@code status} (101, or the refusal's 4xx/5xx)</td></tr>
 *   <tr><td>{@code websocket.sessions.active}</td><td>gauge</td><td>{@code endpoint}</td></tr>
 *   <tr><td>{@code websocket.sessions.closed}</td><td>counter</td><td>{@code endpoint}, {@code close.code} (see below), {@code closer}: {@code local}, {@code peer}, {@code neither}</td></tr>
 *   <tr><td>{@code websocket.session.duration}</td><td>timer</td><td>{@code endpoint}</td></tr>
 *   <tr><td>{@code websocket.messages.received}, {@code websocket.messages.sent}</td><td>counter</td><td>{@code endpoint}, {@code type}: {@code text}, {@code binary}</td></tr>
 *   <tr><td>{@code websocket.message.size}</td><td>distribution summary, bytes</td><td>{@code endpoint}, {@code direction}: {@code received}, {@code sent}</td></tr>
 *   <tr><td>{@code websocket.bytes.read}, {@code websocket.bytes.written}</td><td>counter, bytes</td><td></td></tr>
 *   <tr><td>{@code websocket.compression.original}, {@code websocket.compression.compressed}</td><td>counter, bytes</td><td>{@code endpoint}</td></tr>
 *   <tr><td>{@code websocket.reads.paused}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code websocket.slow.consumers}</td><td>counter</td><td>{@code endpoint}</td></tr>
 *   <tr><td>{@code websocket.topic.published}, {@code websocket.topic.delivered}, {@code websocket.topic.skipped}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@code websocket.heartbeat.timeouts}</td><td>counter</td><td>{@code endpoint}</td></tr>
 *   <tr><td>{@code websocket.tls.handshake.failures}</td><td>counter</td><td></td></tr>
 * </table>
 * Every tag has a bounded set of values. {@code endpoint} is the endpoint's path template
 * ({@code /chat/{room}}), {@value WebSocketMetrics#UNMATCHED} for handshakes that matched no
 * endpoint, or {@code client} for a client's sessions; never a request path, a session or a
 * topic. {@code close.code} is one of the codes RFC 6455 and the IANA registry define (1000 to
 * 1015), or the bucket {@code 3xxx} (registered codes), {@code 4xxx} (private codes) or
 * {@code other}.
 *
 * <p>What is counted where: {@code websocket.messages.sent} and the {@code sent} sizes are the
 * messages the application sends to a session (a message sent in parts counts each part, as the
 * listener hears of each); messages published to a topic are counted by
 * {@code websocket.topic.published}, and their copies by {@code websocket.topic.delivered}. The
 * compression counters add up every message a session's permessage-deflate compressed, so the
 * compression ratio over a window is the rate of {@code websocket.compression.compressed} over
 * that of {@code websocket.compression.original}.
 *
 * <h2>Cost</h2>
 * Meters are registered the first time an endpoint (or a status, a close code) shows up, and
 * kept: a call on the message path looks the endpoint's meters up in a map keyed by the
 * template, then increments a counter and records a size, allocating nothing. Recording the
 * size is most of that cost (a summary keeps a count, a total and a decaying maximum, each an
 * atomic update): where message rates matter more than sizes, deny
 * {@code websocket.message.size} with a
 * {@link io.micrometer.core.instrument.config.MeterFilter} before creating this listener, and a
 * no-op summary takes its place. Percentile histograms are off, as Micrometer's defaults have
 * them; a {@code MeterFilter} turns them on too.
 *
 * <h2>Not a MeterBinder</h2>
 * The meters are bound to the registry given to the constructor, not later through
 * {@code MeterBinder#bindTo}: the server reports to this object from its start, so the registry
 * must be known by then. In Spring, make it a bean built from the {@link MeterRegistry} bean.
 *
 * <h2>Several servers</h2>
 * One instance may serve several servers (and clients): their counts add up. Two instances on one
 * registry need tags of their own ({@link #MicrometerMetrics(MeterRegistry, Iterable)}): a
 * registry keeps the first gauge registered under a name and tags, so the second instance's
 * {@code active} gauges would go unseen.
 *
 * <p>Thread-safe: the runtime calls it from every I/O thread and worker at once.
 *
 * @since 0.1
 */
public final class MicrometerMetrics implements WebSocketMetrics {
    private final MeterRegistry registry;
    private final Tags tags;
    private final AtomicLong connections = new AtomicLong();
    private final Counter[] refusals;
    private final Counter bytesRead;
    private final Counter bytesWritten;
    private final Counter readsPaused;
    private final Counter topicPublished;
    private final Counter topicDelivered;
    private final Counter topicSkipped;
    private final Counter tlsFailures;
    private final ConcurrentMap<String, EndpointMeters> endpoints = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, HandshakeTimers> handshakes = new ConcurrentHashMap<>();

    /**
     * Registers the server-wide meters in {@code registry}, and the others as endpoints show up.
     *
     * @param registry where the meters go
     */
    public MicrometerMetrics(MeterRegistry registry) {
        this(registry, Tags.empty());
    }

    /**
     * As {@link #MicrometerMetrics(MeterRegistry)}, with {@code tags} added to every meter, e.g.
     * {@code Tags.of("server", "public")} to tell two servers of one application apart.
     *
     * @param registry where the meters go
     * @param tags     tags for every meter; bounded values only, like the others
     */
    public MicrometerMetrics(MeterRegistry registry, Iterable<Tag> tags) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.tags = Tags.of(tags);
        Gauge.builder("websocket.connections.active", connections, AtomicLong::get)
                .description("TCP connections open now, handshaking or upgraded")
                .tags(this.tags).register(registry);
        Refusal[] reasons = Refusal.values();
        refusals = new Counter[reasons.length];
        for (Refusal r : reasons) {
            refusals[r.ordinal()] = Counter.builder("websocket.connections.refused")
                    .description("Connections turned away with 503 at accept, over a limit")
                    .tags(this.tags).tag("reason", r.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        bytesRead = bytes("websocket.bytes.read", "Bytes read from sockets, TLS records included");
        bytesWritten = bytes("websocket.bytes.written", "Bytes written to sockets, TLS records included");
        readsPaused = counter("websocket.reads.paused",
                "Times a connection stopped reading for back-pressure (a slow peer or a busy worker)");
        topicPublished = counter("websocket.topic.published", "Messages published to topics");
        topicDelivered = counter("websocket.topic.delivered",
                "Topic messages handed to local subscribers (one per subscriber)");
        topicSkipped = counter("websocket.topic.skipped", "Topic messages a slow subscriber missed");
        tlsFailures = counter("websocket.tls.handshake.failures", "TLS handshakes that failed");
    }

    /**
     * The registry the meters are in, e.g. for a page that shows them.
     *
     * @return the registry given to the constructor
     */
    public MeterRegistry registry() {
        return registry;
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private Counter bytes(String name, String description) {
        return Counter.builder(name).description(description).baseUnit(BaseUnits.BYTES).tags(tags).register(registry);
    }

    /** The endpoint's meters, registered on its first call. */
    private EndpointMeters endpoint(String endpoint) {
        EndpointMeters m = endpoints.get(endpoint);
        return m != null ? m : endpoints.computeIfAbsent(endpoint, e -> new EndpointMeters(registry, tags, e));
    }

    @Override
    public void connectionOpened() {
        connections.incrementAndGet();
    }

    @Override
    public void connectionClosed() {
        connections.decrementAndGet();
    }

    @Override
    public void connectionRefused(Refusal reason) {
        refusals[reason.ordinal()].increment();
    }

    @Override
    public void handshake(String endpoint, int status, long durationNanos) {
        HandshakeTimers h = handshakes.get(endpoint);
        if (h == null) {
            h = handshakes.computeIfAbsent(endpoint, e -> new HandshakeTimers(registry, tags, e));
        }
        h.record(status, durationNanos);
    }

    @Override
    public void sessionOpened(String endpoint) {
        endpoint(endpoint).opened();
    }

    @Override
    public void sessionClosed(String endpoint, int closeCode, Closer closer, long durationNanos) {
        endpoint(endpoint).closed(closeCode, closer, durationNanos);
    }

    @Override
    public void messageReceived(String endpoint, boolean binary, long bytes) {
        endpoint(endpoint).received(binary, bytes);
    }

    @Override
    public void messageSent(String endpoint, boolean binary, long bytes) {
        endpoint(endpoint).sent(binary, bytes);
    }

    @Override
    public void compressed(String endpoint, long originalBytes, long compressedBytes) {
        endpoint(endpoint).compressed(originalBytes, compressedBytes);
    }

    @Override
    public void bytesRead(long bytes) {
        bytesRead.increment(bytes);
    }

    @Override
    public void bytesWritten(long bytes) {
        bytesWritten.increment(bytes);
    }

    @Override
    public void readsPaused() {
        readsPaused.increment();
    }

    @Override
    public void slowConsumerClosed(String endpoint) {
        endpoint(endpoint).slowConsumer();
    }

    @Override
    public void topicPublished(int subscribers) {
        topicPublished.increment();
        topicDelivered.increment(subscribers);
    }

    @Override
    public void topicSkipped() {
        topicSkipped.increment();
    }

    @Override
    public void heartbeatTimeout(String endpoint) {
        endpoint(endpoint).heartbeatTimeout();
    }

    @Override
    public void tlsHandshakeFailed() {
        tlsFailures.increment();
    }

    @Override
    public String toString() {
        return "MicrometerMetrics[" + registry.getClass().getSimpleName() + ", " + endpoints.keySet() + "]";
    }
}
