package dev.wsf.runtime.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.CloseReason;
import dev.wsf.runtime.session.SessionLifecycle.Actions;
import dev.wsf.runtime.session.SessionLifecycle.Input;
import dev.wsf.runtime.session.SessionLifecycle.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every transition of the session lifecycle: from each state a session can be in, each event,
 * and what must follow: the new state of both halves, the actions, and what the application is
 * told. A state is reached by the events that lead to it, as in a real session.
 */
class SessionLifecycleTest {
    private static final long TIMEOUT = 5_000;
    private static final CloseReason BYE = new CloseReason(1000, "bye");
    private static final CloseReason PEER = new CloseReason(4000, "peer");
    private static final CloseReason VIOLATION = new CloseReason(1002, "bad frame");

    /** Where a session can be, and how it gets there. */
    private enum Given {
        OPEN(lc -> { }),
        CLOSE_SENT(lc -> lc.closeRequested(BYE, 0)),
        CLOSE_RECEIVED(lc -> lc.closeReceived(PEER, 0)),
        BOTH_CLOSED(lc -> {
            lc.closeRequested(BYE, 0);
            lc.closeReceived(PEER, 0);
        }),
        DISCARDING(lc -> lc.failed(VIOLATION, 0)),
        ENDED_ABRUPTLY(SessionLifecycle::endOfInput),
        RELEASED(lc -> lc.transportClosed(false));

        final Consumer<SessionLifecycle> path;

        Given(Consumer<SessionLifecycle> path) {
            this.path = path;
        }
    }

    /** The events, each as the session raises it. */
    private enum Event {
        CLOSE_REQUESTED(lc -> lc.closeRequested(BYE, 1)),
        CLOSE_RECEIVED(lc -> lc.closeReceived(PEER, 1)),
        FAILED(lc -> lc.failed(VIOLATION, 1)),
        END_OF_INPUT(lc -> lc.endOfInput()),
        ABORTED(lc -> lc.aborted("no pong")),
        TRANSPORT_LOST(lc -> lc.transportClosed(true));

        final Function<SessionLifecycle, Actions> apply;

        Event(Function<SessionLifecycle, Actions> apply) {
            this.apply = apply;
        }
    }

    private static final int SEND = Actions.SEND_CLOSE;
    private static final int URGENT = Actions.SEND_CLOSE_URGENTLY;
    private static final int STOP = Actions.STOP_INPUT;
    private static final int FLUSH = Actions.FLUSH;
    private static final int SHUTDOWN = Actions.SHUTDOWN_OUTPUT;
    private static final int CLOSE = Actions.CLOSE_TRANSPORT;
    private static final int NOTIFY = Actions.NOTIFY;
    private static final int RELEASE = Actions.RELEASE;

    static Stream<Arguments> serverTransitions() {
        List<Arguments> rows = new ArrayList<>();
        // given, event, output after, input after, actions, close frame sent, code the application hears
        rows.add(row(Given.OPEN, Event.CLOSE_REQUESTED, Output.CLOSE_SENT, Input.OPEN, SEND | FLUSH, BYE, null));
        rows.add(row(Given.OPEN, Event.CLOSE_RECEIVED, Output.SHUT, Input.CLOSE_RECEIVED,
                STOP | URGENT | SHUTDOWN | NOTIFY, PEER, 4000));
        rows.add(row(Given.OPEN, Event.FAILED, Output.SHUT, Input.DISCARDING, STOP | URGENT | SHUTDOWN | NOTIFY,
                VIOLATION, 1002));
        rows.add(row(Given.OPEN, Event.END_OF_INPUT, Output.OPEN, Input.ENDED, CLOSE | NOTIFY, null, 1006));
        rows.add(row(Given.OPEN, Event.ABORTED, Output.OPEN, Input.OPEN, CLOSE | NOTIFY, null, 1006));
        rows.add(row(Given.OPEN, Event.TRANSPORT_LOST, Output.SHUT, Input.ENDED, RELEASE | NOTIFY, null, 1006));

        rows.add(row(Given.CLOSE_SENT, Event.CLOSE_REQUESTED, Output.CLOSE_SENT, Input.OPEN, 0, null, null));
        rows.add(row(Given.CLOSE_SENT, Event.CLOSE_RECEIVED, Output.SHUT, Input.CLOSE_RECEIVED,
                STOP | SHUTDOWN | NOTIFY, null, 4000));
        rows.add(row(Given.CLOSE_SENT, Event.FAILED, Output.SHUT, Input.DISCARDING, STOP | SHUTDOWN | NOTIFY,
                null, 1002));
        rows.add(row(Given.CLOSE_SENT, Event.END_OF_INPUT, Output.CLOSE_SENT, Input.ENDED, CLOSE | NOTIFY, null, 1006));
        rows.add(row(Given.CLOSE_SENT, Event.ABORTED, Output.CLOSE_SENT, Input.OPEN, CLOSE | NOTIFY, null, 1006));
        rows.add(row(Given.CLOSE_SENT, Event.TRANSPORT_LOST, Output.SHUT, Input.ENDED, RELEASE | NOTIFY, null, 1006));

        for (Given closed : List.of(Given.CLOSE_RECEIVED, Given.BOTH_CLOSED)) {
            rows.add(row(closed, Event.CLOSE_REQUESTED, Output.SHUT, Input.CLOSE_RECEIVED, 0, null, null));
            rows.add(row(closed, Event.CLOSE_RECEIVED, Output.SHUT, Input.CLOSE_RECEIVED, 0, null, null));
            rows.add(row(closed, Event.FAILED, Output.SHUT, Input.CLOSE_RECEIVED, 0, null, null));
            rows.add(row(closed, Event.END_OF_INPUT, Output.SHUT, Input.ENDED, CLOSE, null, null));
            rows.add(row(closed, Event.ABORTED, Output.SHUT, Input.CLOSE_RECEIVED, CLOSE, null, null));
            rows.add(row(closed, Event.TRANSPORT_LOST, Output.SHUT, Input.ENDED, RELEASE, null, null));
        }

        rows.add(row(Given.DISCARDING, Event.CLOSE_REQUESTED, Output.SHUT, Input.DISCARDING, 0, null, null));
        rows.add(row(Given.DISCARDING, Event.CLOSE_RECEIVED, Output.SHUT, Input.DISCARDING, 0, null, null));
        rows.add(row(Given.DISCARDING, Event.FAILED, Output.SHUT, Input.DISCARDING, 0, null, null));
        rows.add(row(Given.DISCARDING, Event.END_OF_INPUT, Output.SHUT, Input.ENDED, CLOSE, null, null));
        rows.add(row(Given.DISCARDING, Event.ABORTED, Output.SHUT, Input.DISCARDING, CLOSE, null, null));
        rows.add(row(Given.DISCARDING, Event.TRANSPORT_LOST, Output.SHUT, Input.ENDED, RELEASE, null, null));

        // Ended abruptly: the application was told (1006); the transport is closing.
        rows.add(row(Given.ENDED_ABRUPTLY, Event.CLOSE_REQUESTED, Output.CLOSE_SENT, Input.ENDED, SEND | FLUSH,
                BYE, null));
        rows.add(row(Given.ENDED_ABRUPTLY, Event.FAILED, Output.OPEN, Input.ENDED, 0, null, null));
        rows.add(row(Given.ENDED_ABRUPTLY, Event.END_OF_INPUT, Output.OPEN, Input.ENDED, 0, null, null));
        rows.add(row(Given.ENDED_ABRUPTLY, Event.TRANSPORT_LOST, Output.SHUT, Input.ENDED, RELEASE, null, null));

        for (Event e : Event.values()) {
            rows.add(row(Given.RELEASED, e, Output.SHUT, Input.ENDED, 0, null, null));
        }
        return rows.stream();
    }

    private static Arguments row(Given given, Event event, Output output, Input input, int actions,
                                 CloseReason closeFrame, Integer heard) {
        return Arguments.of(given, event, output, input, actions, closeFrame, heard);
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("serverTransitions")
    void server(Given given, Event event, Output output, Input input, int actions, CloseReason closeFrame,
                Integer heard) {
        SessionLifecycle lc = new SessionLifecycle(true);
        given.path.accept(lc);
        Actions a = event.apply.apply(lc);
        assertEquals(output, lc.output(), "output");
        assertEquals(input, lc.input(), "input");
        assertEquals(names(actions), names(a.flags()), "actions");
        assertEquals(closeFrame, a.closeFrame(), "close frame");
        assertEquals(heard, a.outcome() == null ? null : a.outcome().code(), "what the application hears");
    }

    @Test
    void aClientAnswersTheClosingServerAndWaitsForItToCloseTcp() {
        SessionLifecycle lc = new SessionLifecycle(false);
        Actions a = lc.closeReceived(PEER, 0);
        assertEquals(names(STOP | URGENT | FLUSH | NOTIFY), names(a.flags()), "no half-close: RFC 6455 7.1.1");
        assertEquals(Output.CLOSE_SENT, lc.output());
        assertEquals(names(CLOSE), names(lc.endOfInput().flags()), "the server's end of stream ends it");
    }

    @Test
    void aClientThatClosedFirstWaitsForTheServersCloseThenForTcp() {
        SessionLifecycle lc = new SessionLifecycle(false);
        lc.closeRequested(BYE, 0);
        Actions a = lc.closeReceived(PEER, 0);
        assertEquals(names(STOP | FLUSH | NOTIFY), names(a.flags()));
        assertEquals(4000, a.outcome().code(), "the application hears the peer's answer");
    }

    @Test
    void theApplicationIsToldExactlyOnceWhateverHappensAfter() {
        SessionLifecycle lc = new SessionLifecycle(true);
        assertTrue(lc.failed(VIOLATION, 0).has(NOTIFY));
        for (Event e : Event.values()) {
            Actions a = e.apply.apply(lc);
            assertFalse(a.has(NOTIFY), e + " told the application again");
            assertNull(a.outcome());
        }
    }

    @Test
    void theDeadlineIsArmedByTheFirstCloseAndNotMovedByLaterOnes() {
        SessionLifecycle lc = new SessionLifecycle(true);
        assertFalse(lc.deadlinePassed(Long.MAX_VALUE / 2), "an open session has no deadline");
        lc.closeRequested(BYE, 100 + TIMEOUT);
        lc.closeReceived(PEER, 4_000 + TIMEOUT);
        assertFalse(lc.deadlinePassed(100 + TIMEOUT));
        assertTrue(lc.deadlinePassed(100 + TIMEOUT + 1), "the close timeout counts from the first close");
    }

    private static List<String> names(int flags) {
        List<String> names = new ArrayList<>();
        String[] all = {"SEND_CLOSE", "SEND_CLOSE_URGENTLY", "STOP_INPUT", "FLUSH", "SHUTDOWN_OUTPUT",
                "CLOSE_TRANSPORT", "NOTIFY", "RELEASE"};
        for (int i = 0; i < all.length; i++) {
            if ((flags & (1 << i)) != 0) {
                names.add(all[i]);
            }
        }
        return names;
    }
}
