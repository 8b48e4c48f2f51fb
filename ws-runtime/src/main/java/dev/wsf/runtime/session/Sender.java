package dev.wsf.runtime.session;

import dev.wsf.api.CloseCode;
import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.WebSocketException;
import dev.wsf.api.Role;
import dev.wsf.api.extension.Opcode;
import dev.wsf.runtime.extension.NegotiatedExtensions;
import dev.wsf.runtime.io.Transport;
import dev.wsf.runtime.topic.SharedFrame;
import dev.wsf.runtime.topic.Subscription;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sending side of a session, for any thread: checks the session may still send, keeps a
 * peer that reads too slowly from making the server queue without end (past
 * {@code maxBufferedOutput} the session closes with 1008), and turns an extension's failure into
 * a 1011 close with every pending send failed, instead of an exception thrown at the caller.
 * Published messages leave through a {@link SharedSender}, made when the first one comes.
 */
final class Sender {
    private final Session session;
    private final ReentrantLock lock;
    private final Outbound outbound;
    private final Transport transport;
    private final long maxBufferedOutput;
    private final CloseHandshake handshake;
    /**
     * How published messages leave the session; null until the first one comes, as most sessions
     * never join a topic and an idle one should cost little. Set once, under the lock.
     */
    private volatile SharedSender shared;
    private final SessionTraffic traffic;

    Sender(Session session, ReentrantLock lock, Outbound outbound, Transport transport, long maxBufferedOutput,
           CloseHandshake handshake, SessionTraffic traffic) {
        this.traffic = traffic;
        this.session = session;
        this.lock = lock;
        this.outbound = outbound;
        this.transport = transport;
        this.maxBufferedOutput = maxBufferedOutput;
        this.handshake = handshake;
    }

    /** A data frame: the part of a message ({@code whole} false) or a message sent in one call. */
    CompletionStage<Void> data(Opcode type, ByteBuffer payload, boolean last, boolean whole) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean overflow = false;
        RuntimeException extensionFailure = null;
        lock.lock();
        try {
            if (!handshake.canSend()) {
                done.completeExceptionally(closed());
                return done;
            }
            long queued = transport.bufferedBytes();
            if (queued > 0 && queued + payload.remaining() > maxBufferedOutput) {
                overflow = true;
            } else {
                traffic.sent(type == Opcode.BINARY, payload.remaining(), last);
                outbound.sendData(type, payload, last, whole, done);
                SharedSender published = shared;
                if (last && published != null) {
                    published.messageEnded(); // published messages that waited for the last fragment
                }
            }
        } catch (Outbound.ExtensionFault e) {
            extensionFailure = e;
        } finally {
            lock.unlock();
        }
        if (extensionFailure != null) {
            done.completeExceptionally(new WebSocketException("session " + session.id() + ": an extension failed to"
                    + " process the message", extensionFailure.getCause()));
            handshake.internalError("an extension failed", extensionFailure.getCause());
            return done;
        }
        if (overflow) {
            done.completeExceptionally(new WebSocketException("session " + session.id() + ": the peer reads too slowly, "
                    + maxBufferedOutput + " bytes are already queued"));
            traffic.metrics().slowConsumerClosed(traffic.endpoint());
            handshake.close(new CloseReason(CloseCode.POLICY_VIOLATION, "slow consumer"));
            return done;
        }
        transport.flush();
        SharedSender published = shared;
        if (published != null) {
            published.reportFault();
        }
        return done;
    }

    /** A ping or pong, ahead of queued data. */
    CompletionStage<Void> control(Opcode opcode, ByteBuffer payload) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        lock.lock();
        try {
            if (!handshake.canSend()) {
                done.completeExceptionally(closed());
                return done;
            }
            outbound.sendControl(opcode, payload, done);
        } finally {
            lock.unlock();
        }
        transport.flush();
        return done;
    }

    /**
     * A message published to a topic the session is in, on the session's I/O thread; the first
     * one makes the session's {@link SharedSender}, for its {@code role} and {@code extensions}.
     */
    void publish(SharedFrame frame, Subscription subscription, Role role, NegotiatedExtensions extensions) {
        SharedSender published = shared;
        if (published == null) {
            lock.lock();
            try {
                published = shared;
                if (published == null) {
                    published = new SharedSender(lock, transport, outbound, handshake, role, extensions);
                    shared = published;
                }
            } finally {
                lock.unlock();
            }
        }
        published.offer(frame, subscription);
    }

    private WebSocketException closed() {
        return new WebSocketException("session " + session.id() + " is closed");
    }
}
