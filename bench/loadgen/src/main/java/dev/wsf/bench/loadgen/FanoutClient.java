package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The connections of one fan-out client and the one thread that serves them: the control
 * connection and N subscribers on one selector. Opens the subscribers {@code --pending} at a
 * time (as the idle test does, so the server's accept queue never overflows), answers the
 * selector, and waits for control replies while the subscribers go on being read.
 */
final class FanoutClient implements AutoCloseable {

    private static final long STALL_NANOS = 30_000_000_000L;

    /** The server's answer to {@code state}. */
    record ServerState(long nanoTime, long nextSeq, int subscribers) {
    }

    private final FanoutOptions options;
    private final Selector selector;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);
    private final List<FanoutSubscriber> subscribers = new ArrayList<>();
    private final Consumer<SelectionKey> onReady = this::onReady;
    private FanoutControl control;
    private FanoutLedger ledger;
    private boolean reading = true;
    private IOException failure;
    private int pending;
    private int open;
    private int failed;
    private IOException lastError;

    FanoutClient(FanoutOptions options) throws IOException {
        this.options = options;
        this.selector = Selector.open();
    }

    List<FanoutSubscriber> subscribers() {
        return subscribers;
    }

    void ledger(FanoutLedger ledger) {
        this.ledger = ledger;
    }

    /** Opens the control connection and every subscriber; returns the seconds it took. */
    double open() throws IOException {
        long start = System.nanoTime();
        control = FanoutControl.open(options);
        control.channel().register(selector, SelectionKey.OP_READ, control);
        int target = options.subscribers();
        long lastProgress = System.nanoTime();
        int lastOpen = 0;
        while (open < target) {
            while (open + pending < target && pending < options.pending()) {
                start();
            }
            pump(100);
            if (failed > Math.max(10, target / 100)) {
                throw new IOException(failed + " subscribers failed to connect, last: " + lastError.getMessage(), lastError);
            }
            if (open != lastOpen) {
                lastOpen = open;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
                throw new IOException("no subscriber connected for 30 s (" + open + " open)");
            }
        }
        if (failed > 0) {
            throw new IOException(failed + " subscribers failed to connect, last: " + lastError.getMessage(), lastError);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void start() throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (options.receiveBuffer() > 0) {
                ch.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBuffer()); // before connect: sets the window
            }
            FanoutSubscriber s = new FanoutSubscriber(ch,
                    Handshake.withDeflate(options.host(), options.port(), options.path(), options.deflate()));
            ch.connect(options.address());
            ch.register(selector, SelectionKey.OP_CONNECT, s);
            subscribers.add(s);
            pending++;
        } catch (IOException e) {
            Connector.abort(ch);
            throw e;
        }
    }

    /** Stops reading the subscribers (they stall) or starts again. */
    void reading(boolean on) {
        reading = on;
        for (FanoutSubscriber s : subscribers) {
            SelectionKey key = s.channel().keyFor(selector);
            if (key != null && key.isValid() && s.state() == FanoutSubscriber.State.OPEN) {
                key.interestOps(on ? SelectionKey.OP_READ : 0);
            }
        }
    }

    /** Answers the selector for at most {@code millis}; rethrows a subscriber's failure. */
    void pump(long millis) throws IOException {
        selector.select(onReady, millis);
        if (failure != null) {
            throw failure;
        }
    }

    /** Sends {@code command} and serves every connection until its reply comes (at most 60 s). */
    String request(String command) throws IOException {
        control.send(command);
        return reply(command);
    }

    /** Sends {@code command} without waiting; its reply is taken later with {@link #reply}. */
    void send(String command) throws IOException {
        control.send(command);
    }

    /** Serves every connection until the next reply comes (at most 60 s). */
    String reply(String what) throws IOException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        String r;
        while ((r = control.poll()) == null) {
            if (System.nanoTime() > deadline) {
                throw new IOException("no reply to '" + what + "' within 60 s");
            }
            pump(50);
        }
        return r;
    }

    /** A reply already read, if any; never waits. */
    String pollReply() {
        return control.poll();
    }

    /**
     * Asks for the server's state until it counts every subscriber, and checks on the way that
     * the server's clock is the client's (its reading must fall between two of ours).
     */
    ServerState awaitSubscribed() throws IOException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            long before = System.nanoTime();
            String[] r = expect(request("state"), "state", 4);
            long after = System.nanoTime();
            ServerState st = new ServerState(Long.parseLong(r[1]), Long.parseLong(r[2]), Integer.parseInt(r[3]));
            if (st.nanoTime() < before || st.nanoTime() > after) {
                throw new IOException("the server's monotonic clock (" + st.nanoTime() + ") is not the client's ("
                        + before + " to " + after + "): publish times in the messages cannot be compared");
            }
            if (st.subscribers() == options.subscribers()) {
                return st;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("server counts " + st.subscribers() + " subscribers, expected "
                        + options.subscribers());
            }
            pump(100);
        }
    }

    /** Splits a reply and checks its first word and length. */
    static String[] expect(String reply, String word, int fields) throws IOException {
        String[] f = reply.trim().split(" ");
        if (!f[0].equals(word) || f.length != fields) {
            throw new IOException("expected a '" + word + "' reply with " + fields + " fields, got: " + reply);
        }
        return f;
    }

    private void onReady(SelectionKey key) {
        try {
            if (key.attachment() instanceof FanoutControl c) {
                c.onReadable();
                return;
            }
            FanoutSubscriber s = (FanoutSubscriber) key.attachment();
            switch (s.state()) {
                case CONNECTING -> s.onConnectable(key);
                case UPGRADING -> {
                    if (s.onUpgradeReadable(options.deflate())) {
                        pending--;
                        open++;
                        if (!reading) {
                            key.interestOps(0);
                        }
                    }
                }
                case OPEN -> {
                    readBuffer.clear();
                    if (s.channel().read(readBuffer) < 0) {
                        throw new IOException("server closed a subscriber");
                    }
                    long now = System.nanoTime();
                    readBuffer.flip();
                    s.consume(readBuffer, ledger, now);
                }
            }
        } catch (IOException e) {
            FanoutSubscriber s = key.attachment() instanceof FanoutSubscriber sub ? sub : null;
            if (s != null && s.state() != FanoutSubscriber.State.OPEN) {
                key.cancel();
                Connector.abort(s.channel());
                pending--;
                failed++;
                lastError = e;
            } else if (failure == null) {
                failure = e;
            }
        }
    }

    @Override
    public void close() {
        for (FanoutSubscriber s : subscribers) {
            Connector.abort(s.channel());
            s.release();
        }
        if (control != null) {
            control.close();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing at the end of a run is best effort
        }
    }
}
