package dev.wsf.bench.fanout;

import dev.wsf.api.Session;
import dev.wsf.api.SlowConsumerPolicy;
import dev.wsf.api.Topics;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.api.CloseReason;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.runtime.extension.deflate.DeflateSettings;
import dev.wsf.runtime.extension.deflate.PerMessageDeflateFactory;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * wsf as the fan-out benchmark's server:
 * {@code java -cp <this>:<ws-samples classpath> [-Dfanout.send=topics|loop] dev.wsf.bench.fanout.WsfFanoutServer PORT}.
 *
 * <p>Every session of {@code /fanout} is a subscriber. The publisher is the session of
 * {@code /control}: its {@code burst K SIZE} command publishes K messages, each built once as a
 * {@code String}, from the I/O thread (both endpoints dispatch there, as the echo sample does):
 * <ul>
 *   <li>{@code -Dfanout.send=topics} (default): {@code topics.publish("fanout", text)}, the
 *       topic every subscriber joined in {@code onOpen}: framed (and compressed) once, the same
 *       bytes queued for all;</li>
 *   <li>{@code -Dfanout.send=loop}: the way to broadcast before topics, as the chat sample did:
 *       the endpoint keeps its sessions in a set, and the publisher calls
 *       {@code session.sendText(text)} on each, which encodes, frames and compresses per session.</li>
 * </ul>
 * permessage-deflate is offered with {@code server_no_context_takeover} granted to every client
 * that asks for compression, so a topic compresses each message once for all of them; clients
 * that do not ask get plain frames. The topic's slow-consumer policy closes a subscriber only
 * past 16 MiB queued (the default {@code maxBufferedOutput}, where the loop's {@code sendText}
 * closes it too), so neither variant skips messages in the benchmark.
 *
 * <p>Control commands and replies are listed in the load client ({@code FanoutControl}).
 */
public final class WsfFanoutServer {
    static final String TOPIC = "fanout";

    private WsfFanoutServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[args.length - 1]);
        boolean loop = switch (System.getProperty("fanout.send", "topics")) {
            case "topics" -> false;
            case "loop" -> true;
            default -> throw new IllegalArgumentException("-Dfanout.send must be topics or loop");
        };
        Set<Session> sessions = ConcurrentHashMap.newKeySet(); // the loop's own list of subscribers
        EndpointHandler subscriber = new EndpointHandler() {
            @Override
            public void onOpen(Session session) {
                if (loop) {
                    sessions.add(session);
                } else {
                    session.subscribe(TOPIC);
                }
            }

            @Override
            public void onClose(Session session, CloseReason reason) {
                sessions.remove(session); // a topic forgets a closed session by itself
            }
        };
        ServerConfig config = ServerConfig.builder()
                .host("127.0.0.1")
                .port(port)
                .discoverExtensions(false)
                .extensions(new PerMessageDeflateFactory(DeflateSettings.builder().serverNoContextTakeover(true).build()))
                .build();
        Publisher publisher = new Publisher(loop, sessions);
        WebSocketServer server = WebSocketServer.builder()
                .config(config)
                .endpoints(List.of(
                        EndpointDefinition.builder("/fanout", request -> subscriber).dispatch(Dispatch.IO_THREAD).build(),
                        EndpointDefinition.builder("/control", request -> publisher).dispatch(Dispatch.IO_THREAD).build()))
                .build()
                .start();
        publisher.topics = server.topics();
        server.topics().policy(TOPIC, SlowConsumerPolicy.close(config.maxBufferedOutput()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
        System.out.println("wsf fanout, send=" + (loop ? "loop (sendText per session)" : "topics (publish)")
                + ", permessage-deflate with server_no_context_takeover, " + config.ioThreads() + " I/O thread(s)");
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** The control endpoint: publishes on command and reports; one instance for every control session. */
    private static final class Publisher implements EndpointHandler {
        private final boolean loop;
        private final Set<Session> sessions;
        private final Map<Integer, FanoutMessages> messages = new HashMap<>();
        volatile Topics topics;
        private long nextSeq; // I/O thread only (one control session at a time)

        Publisher(boolean loop, Set<Session> sessions) {
            this.loop = loop;
            this.sessions = sessions;
        }

        @Override
        public void onText(Session control, String command) {
            String[] f = command.trim().split(" ");
            String reply;
            try {
                reply = switch (f[0]) {
                    case "state" -> "state " + System.nanoTime() + " " + nextSeq + " " + subscribers().size();
                    case "burst" -> burst(Integer.parseInt(f[1]), Integer.parseInt(f[2]));
                    case "stats" -> stats();
                    default -> "error unknown command: " + command;
                };
            } catch (RuntimeException e) {
                reply = "error " + e;
            }
            control.sendText(reply);
        }

        private String burst(int k, int size) {
            FanoutMessages m = messages.computeIfAbsent(size, FanoutMessages::new);
            long first = nextSeq;
            int handed = Integer.MAX_VALUE;
            for (int i = 0; i < k; i++) {
                String text = new String(m.message(nextSeq++, System.nanoTime()), StandardCharsets.ISO_8859_1);
                int n;
                if (loop) {
                    n = 0;
                    for (Session s : sessions) {
                        s.sendText(text); // queued; a session that is closing fails it quietly
                        n++;
                    }
                } else {
                    n = topics.publish(TOPIC, text);
                }
                handed = Math.min(handed, n);
            }
            return "published " + first + " " + k + " " + handed;
        }

        private Set<Session> subscribers() {
            return loop ? sessions : topics.subscribers(TOPIC);
        }

        /** Subscribers with bytes queued in the server, and those bytes. */
        private String stats() {
            Set<Session> all = subscribers();
            long backlogged = 0;
            long bytes = 0;
            for (Session s : all) {
                long b = s.bufferedAmount();
                if (b > 0) {
                    backlogged++;
                    bytes += b;
                }
            }
            return "stats " + all.size() + " " + backlogged + " " + bytes;
        }
    }
}
