package dev.wsf.cluster.nats;

import dev.wsf.api.topic.BusStats;
import dev.wsf.api.topic.TopicBus;
import dev.wsf.api.topic.TopicEnvelope;
import dev.wsf.api.topic.TopicMessage;
import dev.wsf.cluster.Arrivals;
import dev.wsf.cluster.Backoff;
import dev.wsf.cluster.BusBuilder;
import dev.wsf.cluster.BusCounters;
import dev.wsf.cluster.BusSettings;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A {@link TopicBus} on NATS core publish/subscribe, with the official Java client (jnats): the
 * topics of several wsf servers connected through one NATS server or cluster.
 *
 * <pre>{@code
 * TopicBus bus = NatsTopicBus.builder("nats://127.0.0.1:4222").build();
 * WebSocketServer server = WebSocketServer.builder()
 *         .config(ServerConfig.builder().port(8080).topicBus(bus).build())
 *         ...
 * }</pre>
 *
 * <h2>Subjects</h2>
 * Topic {@code T} is the subject {@code <prefix><token of T>}, prefix {@code wsf.topic.} unless
 * {@link Builder#subjectPrefix set}. The token is the topic's UTF-8 bytes with every byte outside
 * {@code A-Z a-z 0-9 - _} written {@code %XX} (upper-case hex): {@code room/1} is
 * {@code wsf.topic.room%2F1}, {@code a.b} is {@code wsf.topic.a%2Eb}, {@code *} is
 * {@code wsf.topic.%2A}. So any topic name is one valid token, never a wildcard, and never
 * reaches into another topic's subjects. Every message is a {@link TopicEnvelope}. A node
 * subscribes to a topic's subject while it has a local subscriber to it, and only then.
 *
 * <h2>Failures</h2>
 * <ul>
 *   <li><b>Server down at start</b>: local publish and delivery go on; the bus logs once and
 *   tries again with exponential backoff and jitter ({@link Builder#reconnectDelay}), forever.
 *   <b>Lost later</b>: jnats reconnects (with the same backoff, forever) and subscribes again to
 *   what this node serves.</li>
 *   <li><b>While not connected</b>, published messages are dropped and counted; with
 *   {@link Builder#bufferWhileDisconnected bufferWhileDisconnected(true)} they wait (up to
 *   {@link Builder#maxPending} messages, and 8 MiB in jnats' reconnect buffer) and go out once
 *   connected.</li>
 *   <li><b>A slow server</b>: {@link #publish} never waits. Messages queue in the client for
 *   writing; past {@link Builder#maxPending} queued, the client discards them, and they count as
 *   dropped.</li>
 *   <li><b>A payload on a subject that is not an envelope for its topic</b> is ignored,
 *   counted in {@link BusStats#malformed()} and logged the first time.</li>
 * </ul>
 * NATS core does not acknowledge messages: here a message counts as sent once the client has
 * taken it for writing to a connected server (one it discards afterwards moves from sent to
 * dropped). One that the connection was writing when it broke is lost without being counted as
 * dropped; everything else is counted, and {@code published = sent + dropped}. The connection uses no-echo, so the server never hands a
 * node its own messages back.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class NatsTopicBus implements TopicBus {
    private static final System.Logger LOG = System.getLogger(NatsTopicBus.class.getName());

    private static final Pattern CREDENTIALS = Pattern.compile("//[^\\s,\\[\\]@]*@");

    private final String url;
    /** The servers as logs and drop reasons name them: {@link #url} without user names, passwords or tokens. */
    private final String where;
    private final String prefix;
    private final int maxPending;
    private final boolean bufferWhileDisconnected;
    private final Backoff backoff;
    private final Options.Builder options;
    private final BusCounters counters = new BusCounters(LOG);
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wsf-nats-connect");
        t.setDaemon(true);
        return t;
    });

    private final Object lock = new Object();
    // guarded by lock
    private final Set<String> topics = new HashSet<>();
    private final ArrayDeque<TopicMessage> waiting = new ArrayDeque<>();
    private Connection connection;
    private Dispatcher dispatcher;
    private int failures;
    private boolean started;
    private boolean closed;

    /** The connection once it exists and nothing waits for it: publish goes straight to it. */
    private volatile Connection live;
    /** Whether the connection is up now (jnats reconnects it while this is false). */
    private volatile boolean up;
    private volatile String nodeId;
    private volatile Arrivals arrivals;

    private NatsTopicBus(Builder b, BusSettings settings) {
        this.url = b.url;
        this.where = withoutCredentials(b.url);
        this.prefix = b.prefix;
        this.maxPending = settings.maxPending();
        this.bufferWhileDisconnected = settings.bufferWhileDisconnected();
        this.backoff = settings.backoff();
        this.options = b.options;
    }

    /** {@code nats://user:secret@host:4222,nats://token@other} as {@code nats://host:4222,nats://other}. */
    static String withoutCredentials(String urls) {
        return urls == null ? null : CREDENTIALS.matcher(urls).replaceAll("//");
    }

    /**
     * A bus on the NATS server at {@code url}: {@code nats://[user:password@|token@]host[:port]},
     * {@code tls://host:port} for TLS with the JDK's default trust store, or several of them
     * separated by commas (a cluster).
     *
     * @param url the server or servers, checked now and read by jnats when the bus starts
     * @return a builder with the default settings, for this URL
     * @throws IllegalArgumentException if {@code url} is not such a URL (checked here rather than at
     *                                  each connection attempt, which would fail forever)
     * @throws NullPointerException if {@code url} is null
     */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    @Override
    public void start(String nodeId, Receiver receiver) {
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("already started");
            }
            started = true;
            this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
            this.arrivals = new Arrivals(nodeId, Objects.requireNonNull(receiver, "receiver"), counters, LOG);
        }
        connector.execute(this::connect);
    }

    private Options options() {
        return options
                .servers(url.split(","))
                .connectionName("wsf " + nodeId)
                .noEcho()
                .maxReconnects(-1)
                .reconnectDelayHandler(tries -> Duration.ofMillis(backoff.delayMillis((int) Math.min(tries, 30))))
                .reconnectBufferSize(bufferWhileDisconnected ? 8L << 20 : 0)
                // the client's own SUB, UNSUB and PING share the queue: room for them on top
                .maxMessagesInOutgoingQueue(maxPending + 1024)
                .discardMessagesWhenOutgoingQueueFull()
                .connectionListener(new Lifecycle())
                .errorListener(new Errors())
                .build();
    }

    /** On the connector thread: one attempt, and the next one scheduled if it fails. */
    private void connect() {
        synchronized (lock) {
            if (closed) {
                return;
            }
        }
        Connection c;
        try {
            c = Nats.connect(options());
        } catch (IOException | RuntimeException e) {
            int n;
            synchronized (lock) {
                if (closed) { // an attempt that was under way when close came: nothing more to say
                    return;
                }
                n = ++failures;
                connector.schedule(this::connect, backoff.delayMillis(n - 1), TimeUnit.MILLISECONDS);
            }
            // jnats' message quotes the servers as given, credentials and all
            String why = withoutCredentials(e.getMessage());
            LOG.log(n == 1 ? Level.WARNING : Level.DEBUG, () -> "cannot reach NATS at " + where + " (attempt " + n
                    + "): " + why + "; serving local subscribers only, retrying with backoff");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (lock) {
            if (closed) {
                closeQuietly(c);
                return;
            }
            connection = c;
            dispatcher = c.createDispatcher(this::inbound);
            for (String topic : topics) {
                dispatcher.subscribe(subject(topic));
            }
            up = true;
            for (TopicMessage m; (m = waiting.poll()) != null; ) {
                send(c, m);
            }
            live = c;
        }
        LOG.log(Level.INFO, () -> "connected to NATS at " + withoutCredentials(c.getConnectedUrl()) + " (subjects " + prefix + "<topic>)");
    }

    @Override
    public void subscribe(String topic) {
        synchronized (lock) {
            if (topics.add(topic) && dispatcher != null) {
                dispatcher.subscribe(subject(topic)); // while reconnecting, jnats sends it once connected
            }
        }
    }

    @Override
    public void unsubscribe(String topic) {
        synchronized (lock) {
            if (topics.remove(topic) && dispatcher != null) {
                dispatcher.unsubscribe(subject(topic));
            }
        }
    }

    @Override
    public void publish(TopicMessage message) {
        counters.published();
        Connection c = live;
        if (c == null) {
            synchronized (lock) {
                c = live;
                if (c == null) {
                    if (bufferWhileDisconnected && !closed && waiting.size() < maxPending) {
                        waiting.add(message);
                    } else {
                        counters.dropped("not connected to NATS at " + where);
                    }
                    return;
                }
            }
        }
        send(c, message);
    }

    private void send(Connection c, TopicMessage m) {
        if (!up && !bufferWhileDisconnected) {
            counters.dropped("not connected to NATS at " + where);
            return;
        }
        try {
            // Queued for jnats' writer thread; past maxPending queued, jnats discards it and says so
            // (Errors.messageDiscarded). Not Connection.outgoingPendingMessageCount(): it takes the
            // writer's lock, which a write to a server that stopped reading holds.
            counters.sent();
            c.publish(subject(m.topic()), TopicEnvelope.encode(m));
        } catch (IllegalStateException | IllegalArgumentException e) {
            counters.unsent(withoutCredentials(e.getMessage())); // the reconnect buffer is full, or the connection closed
        }
    }

    private String subject(String topic) {
        return prefix + Subjects.encode(topic);
    }

    /** On jnats' dispatcher thread. No-echo keeps this node's own messages away. */
    private void inbound(Message msg) {
        String subject = msg.getSubject();
        arrivals.arrived("subject " + subject, topicOf(subject), msg.getData() == null ? new byte[0] : msg.getData());
    }

    /** The topic of one of this bus's subjects, or null if it is none of them. */
    private String topicOf(String subject) {
        if (!subject.startsWith(prefix)) {
            return null;
        }
        try {
            return Subjects.decode(subject.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private final class Lifecycle implements ConnectionListener {
        // Deprecated in jnats 2.26 but still the one abstract method (the newer overload calls it).
        @SuppressWarnings("deprecation")
        @Override
        public void connectionEvent(Connection conn, Events type) {
            switch (type) {
                case DISCONNECTED -> {
                    boolean was = up;
                    up = false;
                    if (was) {
                        LOG.log(Level.WARNING, () -> "lost the connection to NATS at " + where
                                + ": serving local subscribers only, reconnecting");
                    }
                }
                case RECONNECTED -> {
                    up = true;
                    counters.reconnected();
                    LOG.log(Level.INFO, () -> "connected again to NATS at " + withoutCredentials(conn.getConnectedUrl()));
                }
                case CLOSED -> up = false;
                default -> {
                }
            }
        }
    }

    private final class Errors implements ErrorListener {
        @Override
        public void messageDiscarded(Connection conn, Message msg) {
            counters.unsent("more than " + maxPending + " messages waiting to be written to NATS at " + where);
        }

        @Override
        public void slowConsumerDetected(Connection conn, Consumer consumer) {
            LOG.log(Level.WARNING, () -> "this node reads messages from NATS slower than they come: the client"
                    + " drops some (" + consumer.getDroppedCount() + " so far)");
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception e) {
            LOG.log(Level.DEBUG, () -> "NATS client: " + withoutCredentials(String.valueOf(e)));
        }

        @Override
        public void errorOccurred(Connection conn, String error) {
            LOG.log(Level.WARNING, () -> "NATS server says: " + withoutCredentials(error));
        }
    }

    @Override
    public BusStats stats() {
        return counters.stats(live != null && up);
    }

    /** Stops: drops (and counts) what still waits, and closes the connection. */
    @Override
    public void close() {
        Connection c;
        List<TopicMessage> left;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            c = connection;
            connection = null;
            dispatcher = null;
            live = null;
            left = new ArrayList<>(waiting);
            waiting.clear();
        }
        connector.shutdownNow();
        for (int i = 0; i < left.size(); i++) {
            counters.dropped("closed");
        }
        if (c != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds a {@link NatsTopicBus}; every setting has a default. */
    public static final class Builder extends BusBuilder<Builder> {
        private final String url;
        private String prefix = "wsf.topic.";
        private Options.Builder options = new Options.Builder();

        private Builder(String url) {
            this.url = checkUrl(Objects.requireNonNull(url, "url"));
        }

        private static String checkUrl(String url) {
            String expected = "not a NATS URL (nats://[user:password@|token@]host[:port], tls://host:port, or several"
                    + " separated by commas)";
            for (String server : url.split(",", -1)) {
                if (server.isBlank()) {
                    throw new IllegalArgumentException(expected + ": no server, or an empty one between commas");
                }
            }
            try {
                new Options.Builder().servers(url.split(","));
            } catch (IllegalArgumentException e) { // jnats': "java.net.URISyntaxException: Unsupported NATS URI scheme..."
                Throwable why = e.getCause() != null ? e.getCause() : e;
                // without the cause: its text quotes the URL, credentials and all, and applications log this
                throw new IllegalArgumentException(expected + ": " + withoutCredentials(why.getMessage()));
            }
            return url;
        }

        /**
         * What comes before the topic's token in a subject: empty, or tokens each followed by a
         * dot; {@code wsf.topic.} by default. Nodes of one application must agree on it.
         *
         * @param prefix the prefix: empty, or ending with a dot
         * @return this builder
         * @throws IllegalArgumentException if {@code prefix} is not empty and does not end with a
         *                                  dot, or has an empty token, a wildcard or whitespace
         * @throws NullPointerException     if {@code prefix} is null
         */
        public Builder subjectPrefix(String prefix) {
            this.prefix = Subjects.checkPrefix(Objects.requireNonNull(prefix, "prefix"));
            return this;
        }

        /**
         * jnats options to start from: credentials ({@code authHandler}, {@code userInfo},
         * {@code token}), TLS ({@code sslContext}), timeouts. The bus sets the servers, the
         * connection name, no-echo, reconnection, the outgoing queue and the listeners itself.
         *
         * @param options the options builder, which the bus changes and builds when it starts; a
         *                new {@code Options.Builder} by default
         * @return this builder
         * @throws NullPointerException if {@code options} is null
         */
        public Builder options(Options.Builder options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        public NatsTopicBus build() {
            return new NatsTopicBus(this, settings());
        }
    }
}
