package dev.wsf.runtime.observe;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * The JFR events of wsf, in the category "wsf". Record them with
 * {@code -XX:StartFlightRecording:filename=wsf.jfr} (all are enabled in the default settings) and
 * read them with {@code jfr print --events dev.wsf.SessionClosed wsf.jfr}. Per-message events are
 * kept to large messages only, so a recording stays small.
 */
final class JfrEvents {
    private JfrEvents() {
    }

    @Name("dev.wsf.SessionOpened")
    @Label("WebSocket Session Opened")
    @Category("wsf")
    static final class SessionOpened extends Event {
        @Label("Endpoint")
        String endpoint;
    }

    @Name("dev.wsf.SessionClosed")
    @Label("WebSocket Session Closed")
    @Category("wsf")
    static final class SessionClosed extends Event {
        @Label("Endpoint")
        String endpoint;
        @Label("Close Code")
        int closeCode;
        @Label("Closed By")
        @Description("LOCAL, PEER or NEITHER (the connection broke)")
        String closedBy;
        @Label("Session Duration")
        @Timespan(Timespan.NANOSECONDS)
        long sessionDuration;
    }

    @Name("dev.wsf.Handshake")
    @Label("WebSocket Handshake")
    @Category("wsf")
    static final class Handshake extends Event {
        @Label("Endpoint")
        String endpoint;
        @Label("Status")
        int status;
        @Label("Handshake Duration")
        @Timespan(Timespan.NANOSECONDS)
        long handshakeDuration;
    }

    @Name("dev.wsf.SlowConsumer")
    @Label("WebSocket Slow Consumer Closed")
    @Category("wsf")
    static final class SlowConsumer extends Event {
        @Label("Endpoint")
        String endpoint;
    }

    @Name("dev.wsf.LargeMessage")
    @Label("WebSocket Large Message")
    @Description("A message of at least 1 MiB, received or sent")
    @Category("wsf")
    static final class LargeMessage extends Event {
        @Label("Endpoint")
        String endpoint;
        @Label("Direction")
        String direction;
        @Label("Binary")
        boolean binary;
        @Label("Size")
        @DataAmount
        long size;
    }
}
