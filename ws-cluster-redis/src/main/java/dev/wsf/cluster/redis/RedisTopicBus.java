package dev.wsf.cluster.redis;

import dev.wsf.api.topic.BusStats;
import dev.wsf.api.topic.TopicBus;
import dev.wsf.api.topic.TopicEnvelope;
import dev.wsf.api.topic.TopicMessage;
import dev.wsf.cluster.Arrivals;
import dev.wsf.cluster.Backoff;
import dev.wsf.cluster.BusBuilder;
import dev.wsf.cluster.BusCounters;
import dev.wsf.cluster.BusSettings;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link TopicBus} on Redis publish/subscribe, with the Lettuce client: the topics of several
 * wsf servers connected through one Redis (or one Redis Cluster).
 *
 * <pre>{@code
 * TopicBus bus = RedisTopicBus.builder("redis://127.0.0.1:6379").build();
 * WebSocketServer server = WebSocketServer.builder()
 *         .config(ServerConfig.builder().port(8080).topicBus(bus).build())
 *         ...
 * }</pre>
 *
 * <h2>Channels</h2>
 * Topic {@code T} is the Redis channel {@code <prefix>T} (prefix {@code wsf:topic:} unless
 * {@link Builder#channelPrefix set}), the topic's UTF-8 bytes as they are: Redis channels are
 * binary-safe, so every topic name maps to a channel. Every message is a {@link TopicEnvelope}.
 * A node subscribes to a topic's channel while it has a local subscriber to it, and only then.
 * Redis pub/sub ignores the database number: nodes that must not see each other's topics need
 * different prefixes (or brokers), not different databases.
 *
 * <h2>Failures</h2>
 * <ul>
 *   <li><b>Broker down at start, or lost later</b>: local publish and delivery go on; the bus
 *   logs once and retries with exponential backoff and jitter ({@link Builder#reconnectDelay}),
 *   forever. Each connection starts from nothing: the bus subscribes it to every topic that has
 *   local subscribers, then sends what waited.</li>
 *   <li><b>While not connected</b>, published messages are dropped and counted: other nodes do
 *   not get them. (With {@link Builder#bufferWhileDisconnected bufferWhileDisconnected(true)} they
 *   wait instead, up to {@link Builder#maxPending}, and go out in order once connected.) A
 *   message in flight when the connection breaks counts as dropped even if Redis got it just
 *   before: it is never sent twice.</li>
 *   <li><b>A slow broker</b>: {@link #publish} never waits; a message counts as sent when Redis
 *   has answered the PUBLISH, and messages without an answer yet count toward the same bound.</li>
 *   <li><b>A payload on a channel that is not an envelope for its topic</b> (another version,
 *   garbage, a text message that is not UTF-8) is ignored, counted in
 *   {@link BusStats#malformed()} and logged the first time.</li>
 * </ul>
 * So {@code published = sent + dropped} once nothing is waiting or in flight.
 *
 * <h2>Redis Cluster</h2>
 * With {@link Builder#sharded sharded(true)} the bus uses SPUBLISH and SSUBSCRIBE (Redis 7),
 * whose messages stay within the shard that owns the channel's slot; {@link Builder#cluster
 * cluster(true)} connects to a Redis Cluster through the URI of any of its nodes and routes each
 * topic's channel to its shard. In cluster mode Lettuce reconnects the connections to the
 * individual shards itself and subscribes them again.
 *
 * <p>Thread-safe. Needs Redis 6 or later (RESP3: one connection both subscribes and publishes).
 *
 * @since 0.1
 */
public final class RedisTopicBus implements TopicBus {
    private static final System.Logger LOG = System.getLogger(RedisTopicBus.class.getName());
    private static final ByteArrayCodec CODEC = ByteArrayCodec.INSTANCE;

    private final RedisURI uri;
    private final String where;
    private final Channels channels;
    private final boolean sharded;
    private final boolean cluster;
    private final int maxPending;
    private final boolean bufferWhileDisconnected;
    private final Backoff backoff;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final BusCounters counters = new BusCounters(LOG);
    /** Messages waiting or in flight: at most {@link #maxPending}. */
    private final AtomicInteger pending = new AtomicInteger();

    private final Object lock = new Object();
    // guarded by lock
    private final Set<String> topics = new HashSet<>();
    private final ArrayDeque<Outgoing> waiting = new ArrayDeque<>();
    private StatefulRedisPubSubConnection<byte[], byte[]> connection;
    private ScheduledFuture<?> retry;
    private CompletableFuture<?> attempt;
    private int failures;
    private boolean everConnected;
    private boolean started;
    private boolean closed;

    /** The connection, once it is subscribed and nothing waits any more: publish goes straight to it. */
    private volatile StatefulRedisPubSubConnection<byte[], byte[]> live;
    private volatile String nodeId;
    private volatile Receiver receiver;

    /** A message as it goes to Redis: the topic's channel and the envelope. */
    record Outgoing(byte[] channel, byte[] envelope) {
        static Outgoing of(Channels channels, TopicMessage message) {
            return new Outgoing(channels.of(message.topic()), TopicEnvelope.encode(message));
        }
    }

    private RedisTopicBus(Builder b, BusSettings settings) {
        this.uri = b.uri;
        this.where = (b.cluster ? "Redis Cluster at " : "Redis at ") + b.uri.getHost() + ":" + b.uri.getPort();
        this.channels = new Channels(b.prefix);
        this.sharded = b.sharded != null ? b.sharded : b.cluster;
        this.cluster = b.cluster;
        this.maxPending = settings.maxPending();
        this.bufferWhileDisconnected = settings.bufferWhileDisconnected();
        this.backoff = settings.backoff();
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        if (cluster) {
            RedisClusterClient c = RedisClusterClient.create(resources, uri);
            // adaptive topology refresh (on MOVED, ASK, reconnections...) is Lettuce 7's default
            c.setOptions(ClusterClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
            this.client = c;
        } else {
            RedisClient c = RedisClient.create(resources);
            // No automatic reconnection: this bus reconnects, so that a new connection always
            // starts empty and gets exactly the subscriptions of now, and nothing is sent twice.
            c.setOptions(ClientOptions.builder()
                    .protocolVersion(ProtocolVersion.RESP3)
                    .autoReconnect(false)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .build());
            this.client = c;
        }
    }

    /**
     * A bus on the Redis at {@code uri}: {@code redis://[[user:]password@]host[:port][/database]}
     * or {@code rediss://...} for TLS (the JDK's default trust store; {@code ?verifyPeer=false} to
     * skip checking), with Lettuce's other URI options such as {@code ?timeout=5s}.
     *
     * @param uri the Redis URI, parsed now by Lettuce's {@code RedisURI.create}
     * @return a builder with the default settings, for this URI
     * @throws IllegalArgumentException if {@code uri} is not such a URI (Lettuce's complaint is the
     *                                  cause)
     * @throws NullPointerException if {@code uri} is null
     */
    public static Builder builder(String uri) {
        Objects.requireNonNull(uri, "uri");
        RedisURI parsed;
        try {
            parsed = RedisURI.create(uri);
        } catch (RuntimeException e) { // Lettuce's messages alone ("Scheme localhost not supported") say too little
            throw new IllegalArgumentException("not a Redis URI (redis://[[user:]password@]host[:port][/database], or"
                    + " rediss://... for TLS): " + e.getMessage(), e);
        }
        return new Builder(parsed);
    }

    /**
     * A bus on the Redis that {@code uri} describes.
     *
     * @param uri the server or, with {@link Builder#cluster(boolean)}, one node of the cluster
     * @return a builder with the default settings, for this URI
     * @throws NullPointerException if {@code uri} is null
     */
    public static Builder builder(RedisURI uri) {
        return new Builder(uri);
    }

    @Override
    public void start(String nodeId, Receiver receiver) {
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("already started");
            }
            started = true;
            this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
            this.receiver = Objects.requireNonNull(receiver, "receiver");
        }
        connect();
    }

    private void connect() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            retry = null;
        }
        CompletableFuture<StatefulRedisPubSubConnection<byte[], byte[]>> future;
        try { // never blocks: a refused connection fails the future, a silent one times out in it
            if (cluster) {
                RedisClusterClient c = (RedisClusterClient) client;
                future = c.refreshPartitionsAsync().toCompletableFuture()
                        .thenCompose(v -> c.connectPubSubAsync(CODEC))
                        .thenApply(connection -> (StatefulRedisPubSubConnection<byte[], byte[]>) connection);
            } else {
                future = ((RedisClient) client).connectPubSubAsync(CODEC, uri).toCompletableFuture();
            }
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<?> done = future.whenComplete((c, e) -> {
            if (e != null) {
                connectFailed(e);
            } else {
                connected(c);
            }
        });
        synchronized (lock) {
            this.attempt = done;
        }
    }

    private void connected(StatefulRedisPubSubConnection<byte[], byte[]> c) {
        c.addListener(new Inbound(channels, new Arrivals(nodeId, receiver, counters, LOG)));
        if (!cluster) {
            c.addListener(new RedisConnectionStateListener() {
                @Override
                public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                    lost(c);
                }
            });
        }
        boolean reconnect;
        synchronized (lock) {
            if (closed) {
                c.closeAsync();
                return;
            }
            connection = c;
            failures = 0;
            if (!topics.isEmpty()) {
                subscribe(c, topics);
            }
            for (Outgoing o; (o = waiting.poll()) != null; ) {
                send(c, o);
            }
            live = c;
            reconnect = everConnected;
            everConnected = true;
        }
        if (reconnect) {
            counters.reconnected();
        }
        LOG.log(Level.INFO, () -> (reconnect ? "connected again to " : "connected to ") + where + " (channels "
                + channels + (sharded ? ", sharded" : "") + ")");
        if (!cluster && !c.isOpen()) {
            lost(c); // it broke before the listener was there to see it
        }
    }

    private void lost(StatefulRedisPubSubConnection<byte[], byte[]> c) {
        synchronized (lock) {
            if (connection != c) {
                return; // already handled, or an old connection
            }
            connection = null;
            live = null;
        }
        LOG.log(Level.WARNING, () -> "lost the connection to " + where + ": serving local subscribers only,"
                + " reconnecting");
        c.closeAsync();
        scheduleRetry();
    }

    private void connectFailed(Throwable e) {
        int n;
        synchronized (lock) {
            if (closed) { // an attempt that was under way when close came: nothing more to say
                return;
            }
            n = ++failures;
        }
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        LOG.log(n == 1 ? Level.WARNING : Level.DEBUG, () -> "cannot reach " + where + " (attempt " + n + "): "
                + describe(cause) + "; serving local subscribers only, retrying with backoff");
        scheduleRetry();
    }

    private void scheduleRetry() {
        synchronized (lock) {
            if (closed || retry != null) {
                return;
            }
            long delay = backoff.delayMillis(failures);
            retry = resources.eventExecutorGroup().schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void subscribe(String topic) {
        synchronized (lock) {
            if (topics.add(topic) && connection != null) {
                subscribe(connection, Set.of(topic));
            }
        }
    }

    @Override
    public void unsubscribe(String topic) {
        synchronized (lock) {
            if (topics.remove(topic) && connection != null) {
                byte[] channel = channels.of(topic);
                RedisPubSubAsyncCommands<byte[], byte[]> cmd = connection.async();
                whenFailed(sharded ? cmd.sunsubscribe(channel) : cmd.unsubscribe(channel), "unsubscribe from " + topic);
            }
        }
    }

    private void subscribe(StatefulRedisPubSubConnection<byte[], byte[]> c, Set<String> names) {
        if (sharded) {
            for (String name : names) { // one by one: SSUBSCRIBE takes the channels of one slot only
                whenFailed(c.async().ssubscribe(channels.of(name)), "subscribe to " + name);
            }
            return;
        }
        byte[][] all = names.stream().map(channels::of).toArray(byte[][]::new);
        whenFailed(c.async().subscribe(all), "subscribe to " + names);
    }

    private static void whenFailed(RedisFuture<?> f, String what) {
        f.whenComplete((v, e) -> {
            if (e instanceof RedisCommandExecutionException) { // Redis said no: an ACL without pub/sub rights, say
                LOG.log(Level.WARNING, () -> "Redis refused to " + what + ": " + describe(e));
            } else if (e != null) { // the connection broke: the next one subscribes again
                LOG.log(Level.DEBUG, () -> "could not " + what + ": " + describe(e));
            }
        });
    }

    @Override
    public void publish(TopicMessage message) {
        counters.published();
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            counters.dropped(maxPending + " messages already waiting for " + where);
            return;
        }
        Outgoing o = Outgoing.of(channels, message);
        StatefulRedisPubSubConnection<byte[], byte[]> c = live;
        if (c == null) {
            synchronized (lock) {
                c = live;
                if (c == null) {
                    if (bufferWhileDisconnected && !closed) {
                        waiting.add(o);
                    } else {
                        pending.decrementAndGet();
                        counters.dropped("not connected to " + where);
                    }
                    return;
                }
            }
        }
        send(c, o);
    }

    private void send(StatefulRedisPubSubConnection<byte[], byte[]> c, Outgoing o) {
        RedisPubSubAsyncCommands<byte[], byte[]> cmd = c.async();
        RedisFuture<Long> f = sharded ? cmd.spublish(o.channel, o.envelope) : cmd.publish(o.channel, o.envelope);
        f.whenComplete((receivers, e) -> {
            pending.decrementAndGet();
            if (e == null) {
                counters.sent();
            } else {
                counters.dropped(describe(e));
            }
        });
    }

    @Override
    public BusStats stats() {
        return counters.stats(live != null);
    }

    /**
     * Stops: drops (and counts) what still waits, closes the connection and the client's
     * threads, within about two seconds.
     */
    @Override
    public void close() {
        StatefulRedisPubSubConnection<byte[], byte[]> c;
        List<Outgoing> left;
        CompletableFuture<?> connecting;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (retry != null) {
                retry.cancel(false);
            }
            connecting = attempt;
            c = connection;
            connection = null;
            live = null;
            left = new ArrayList<>(waiting);
            waiting.clear();
        }
        for (int i = 0; i < left.size(); i++) {
            pending.decrementAndGet();
            counters.dropped("closed");
        }
        if (connecting != null) {
            try { // an attempt under way ends before its threads do (it closes what it got)
                connecting.get(1, TimeUnit.SECONDS);
            } catch (Exception e) {
                // failed, or still trying: either way nothing more to wait for
            }
        }
        if (c != null) {
            c.close(); // what is in flight fails, and counts as dropped
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        try {
            resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.DEBUG, () -> "the Redis client's threads did not stop in time: " + describe(e));
        }
    }

    /** The innermost message: "Connection refused: /127.0.0.1:6379" rather than three wrappers of it. */
    private static String describe(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** Builds a {@link RedisTopicBus}; every setting has a default. */
    public static final class Builder extends BusBuilder<Builder> {
        private final RedisURI uri;
        private String prefix = "wsf:topic:";
        private Boolean sharded;
        private boolean cluster;

        private Builder(RedisURI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        /**
         * What comes before the topic name in a channel's name; {@code wsf:topic:} by default.
         * Nodes of one application must agree on it.
         *
         * @param prefix the prefix, possibly empty
         * @return this builder
         * @throws NullPointerException if {@code prefix} is null
         */
        public Builder channelPrefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * SPUBLISH and SSUBSCRIBE (Redis 7) instead of PUBLISH and SUBSCRIBE: in a Redis Cluster, a
         * topic's messages then travel within its shard instead of to every node of the cluster.
         * Off by default; on by default with {@link #cluster(boolean)}. Nodes of one application
         * must agree on it.
         *
         * @param sharded true for SPUBLISH and SSUBSCRIBE, false for PUBLISH and SUBSCRIBE
         * @return this builder
         */
        public Builder sharded(boolean sharded) {
            this.sharded = sharded;
            return this;
        }

        /**
         * The URI names one node of a Redis Cluster, whose topology the client discovers and follows;
         * implies {@link #sharded(boolean) sharded} unless set otherwise. Off by default.
         *
         * @param cluster true if the URI names a node of a Redis Cluster, false for a single server
         * @return this builder
         */
        public Builder cluster(boolean cluster) {
            this.cluster = cluster;
            return this;
        }

        public RedisTopicBus build() {
            return new RedisTopicBus(this, settings());
        }
    }
}
