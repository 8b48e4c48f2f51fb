package dev.wsf.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The events of one connection in arrival order, written by the client's I/O or worker threads and
 * read by the test's thread. Data messages are consumed in order through a cursor; the close is
 * state, seen whatever the cursor.
 */
final class EventLog {
    private final List<Event> events = new ArrayList<>();
    /** Index of the first event that no {@code take} has passed yet. */
    private int cursor;
    private Event.Closed closed;

    synchronized void add(Event event) {
        events.add(event);
        if (event instanceof Event.Closed c && closed == null) {
            closed = c;
        }
        notifyAll();
    }

    /** Every event so far. */
    synchronized List<Event> all() {
        return List.copyOf(events);
    }

    synchronized Optional<Event.Closed> closed() {
        return Optional.ofNullable(closed);
    }

    /**
     * The next data message not taken yet, consumed; empty when none arrives before the deadline
     * ({@link System#nanoTime()}) or the connection closed with none left.
     */
    synchronized Optional<Event> takeMessage(long deadline) throws InterruptedException {
        while (true) {
            while (cursor < events.size()) {
                Event e = events.get(cursor++);
                if (e.isMessage()) {
                    return Optional.of(e);
                }
            }
            if (closed != null || !waitUntil(deadline)) {
                return Optional.empty();
            }
        }
    }

    /** The next data message not taken yet, left in place; empty as for {@link #takeMessage}. */
    synchronized Optional<Event> peekMessage(long deadline) throws InterruptedException {
        while (true) {
            for (int i = cursor; i < events.size(); i++) {
                if (events.get(i).isMessage()) {
                    return Optional.of(events.get(i));
                }
            }
            if (closed != null || !waitUntil(deadline)) {
                return Optional.empty();
            }
        }
    }

    /** The close, once it happened; empty if it did not before the deadline. */
    synchronized Optional<Event.Closed> awaitClosed(long deadline) throws InterruptedException {
        while (closed == null) {
            if (!waitUntil(deadline)) {
                return Optional.empty();
            }
        }
        return Optional.of(closed);
    }

    /** Waits for a change or the deadline; false once the deadline has passed. */
    private boolean waitUntil(long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
        return true;
    }
}
