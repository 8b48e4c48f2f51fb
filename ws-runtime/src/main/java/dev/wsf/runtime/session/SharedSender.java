package dev.wsf.runtime.session;

import dev.wsf.api.Role;
import dev.wsf.api.SlowConsumerPolicy;
import dev.wsf.runtime.extension.NegotiatedExtensions;
import dev.wsf.runtime.extension.SharedCompression;
import dev.wsf.runtime.io.Transport;
import dev.wsf.runtime.topic.SharedFrame;
import dev.wsf.runtime.topic.Subscription;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How a published message leaves one session, on the session's I/O thread: the shared frame as
 * it is when the session can take it (a server without extensions, or with permessage-deflate
 * keeping no context, which takes the shared compressed frame), else framed by the session itself
 * (a client masks every frame; other extensions transform it). Applies the subscription's
 * slow-consumer policy first, and never puts a frame inside a fragmented message the application
 * is sending: such frames wait for its last fragment.
 */
final class SharedSender {
    private enum Route { PLAIN, COMPRESSED, OWN }

    private final ReentrantLock lock;
    private final Transport transport;
    private final Outbound outbound;
    private final CloseHandshake handshake;
    private final Route route;
    private final SharedCompression compression;
    // Both collections are created when first needed (guarded by the lock): most sessions never
    // fall behind on a topic or fragment a message, and an idle session should cost little.
    /** Keep-newest subscriptions waiting for the backlog to drain, or null. */
    private Set<Subscription> waiting;
    /** Frames that came during the application's fragmented message, or null. */
    private List<SharedFrame> deferred;
    /** An extension failed while framing a message for this session (set under the lock). */
    private volatile RuntimeException fault;

    SharedSender(ReentrantLock lock, Transport transport, Outbound outbound, CloseHandshake handshake, Role role,
                 NegotiatedExtensions extensions) {
        this.lock = lock;
        this.transport = transport;
        this.outbound = outbound;
        this.handshake = handshake;
        SharedCompression shared = extensions.sharedCompression().orElse(null);
        if (role == Role.CLIENT) {
            this.route = Route.OWN;
        } else if (extensions.isEmpty()) {
            this.route = Route.PLAIN;
        } else {
            this.route = shared != null ? Route.COMPRESSED : Route.OWN;
        }
        this.compression = shared;
    }

    /** Offers a published message under the subscription's policy. */
    void offer(SharedFrame frame, Subscription subscription) {
        boolean slow = false;
        lock.lock();
        try {
            if (!handshake.canSend()) {
                return;
            }
            SlowConsumerPolicy policy = subscription.policy();
            long backlog = transport.bufferedBytes();
            if (backlog > policy.maxBacklog()) {
                // Frames queued earlier in this loop round are written only at its end: what the
                // socket takes now is no backlog, and a healthy reader must not be judged by it.
                transport.writeQueuedNow();
                backlog = transport.bufferedBytes();
            }
            if (backlog > policy.maxBacklog()) {
                switch (policy.action()) {
                    case SKIP -> subscription.skipped();
                    case KEEP_NEWEST -> {
                        subscription.keepNewest(frame);
                        waitForDrain(subscription, policy.maxBacklog());
                    }
                    case CLOSE -> {
                        subscription.closedForSlowness();
                        slow = true;
                    }
                }
            } else {
                queue(frame);
                subscription.delivered();
            }
        } finally {
            lock.unlock();
        }
        if (slow) {
            handshake.slowConsumer(); // tells the metrics too
        } else {
            transport.flush();
        }
        reportFault();
    }

    /** Ends the session if an extension failed on a shared message; call without the lock. */
    void reportFault() {
        if (fault == null) {
            return; // the common case, without taking the lock
        }
        RuntimeException f;
        lock.lock();
        try {
            f = fault;
            fault = null;
        } finally {
            lock.unlock();
        }
        if (f != null) {
            handshake.internalError("an extension failed", f.getCause() != null ? f.getCause() : f);
        }
    }

    /** The application's fragmented message ended: the frames that waited for it go now. Lock held. */
    void messageEnded() {
        if (deferred == null || deferred.isEmpty()) {
            return;
        }
        for (SharedFrame f : deferred) {
            queue(f);
        }
        deferred.clear();
    }

    private void queue(SharedFrame frame) {
        if (outbound.midMessage()) {
            if (deferred == null) {
                deferred = new ArrayList<>(2);
            }
            deferred.add(frame);
            return;
        }
        switch (route) {
            case PLAIN -> transport.enqueueShared(frame.plainFrame());
            case COMPRESSED -> transport.enqueueShared(frame.frameFor(compression));
            case OWN -> {
                try {
                    outbound.sendData(frame.opcode(), frame.payload(), true, true, null);
                } catch (Outbound.ExtensionFault e) {
                    fault = e;
                }
            }
        }
    }

    private void waitForDrain(Subscription s, long maxBacklog) {
        if (waiting == null) {
            waiting = new LinkedHashSet<>();
        }
        waiting.add(s);
        long threshold = maxBacklog;
        for (Subscription w : waiting) {
            threshold = Math.min(threshold, w.policy().maxBacklog());
        }
        transport.whenDrained(threshold, this::drained);
    }

    /** The backlog drained: each waiting subscription gets its newest message, if it can take it now. */
    private void drained() {
        lock.lock();
        try {
            if (waiting == null) {
                return;
            }
            if (!handshake.canSend()) {
                waiting.clear();
                return;
            }
            List<Subscription> ready = new ArrayList<>(waiting);
            waiting.clear();
            for (Subscription s : ready) {
                if (transport.bufferedBytes() > s.policy().maxBacklog()) {
                    waitForDrain(s, s.policy().maxBacklog());
                    continue;
                }
                SharedFrame newest = s.takeNewest();
                if (newest != null) {
                    queue(newest);
                    s.delivered();
                }
            }
        } finally {
            lock.unlock();
        }
        transport.flush();
        reportFault();
    }
}
