package dev.wsf.runtime.conformance;

import static dev.wsf.runtime.conformance.FrameSpec.BINARY;
import static dev.wsf.runtime.conformance.FrameSpec.CLOSE;
import static dev.wsf.runtime.conformance.FrameSpec.CONTINUATION;
import static dev.wsf.runtime.conformance.FrameSpec.PING;
import static dev.wsf.runtime.conformance.FrameSpec.PONG;
import static dev.wsf.runtime.conformance.FrameSpec.TEXT;
import static dev.wsf.runtime.conformance.Fuzzer.NORMAL;
import static dev.wsf.runtime.conformance.Fuzzer.PROTOCOL_ERROR;
import static dev.wsf.runtime.conformance.Scripts.open;
import static dev.wsf.runtime.conformance.Scripts.repeat;
import static dev.wsf.runtime.conformance.Scripts.utf8;

import java.util.ArrayList;
import java.util.List;

/**
 * Categories 1 to 5 of the Autobahn|Testsuite: framing, pings and pongs, reserved bits, opcodes
 * and fragmentation. Each case sends what Autobahn's case of the same id sends, in the same
 * pieces, and expects what it expects.
 */
final class FramingCases {
    private static final String HELLO = "Hello, world!";

    private FramingCases() {
    }

    static List<FuzzCase> all() {
        List<FuzzCase> cases = new ArrayList<>();
        framing(cases);
        pings(cases);
        reservedBits(cases);
        opcodes(cases);
        fragmentation(cases);
        return cases;
    }

    // ---- 1 Framing ----

    private static void framing(List<FuzzCase> cases) {
        int[] lengths = {0, 125, 126, 127, 128, 65535, 65536};
        for (int binary = 0; binary <= 1; binary++) {
            boolean bin = binary == 1;
            String kind = bin ? "binary" : "text";
            for (int i = 0; i <= lengths.length; i++) {
                int length = lengths[Math.min(i, lengths.length - 1)];
                boolean chopped = i == lengths.length;
                byte[] payload = bin ? repeat(0xfe, length) : repeat('*', length);
                String id = "1." + (binary + 1) + "." + (i + 1);
                String description = "A " + kind + " message of " + length + " bytes"
                        + (chopped ? ", written in chops of 997 octets" : "") + "; expect it echoed and a clean close";
                cases.add(open(id, description, f -> {
                    f.expect(Outcome.OK, Event.message(payload, bin));
                    f.expectClose(true, true, NORMAL);
                    FrameSpec frame = FrameSpec.of(bin ? BINARY : TEXT).payload(payload);
                    f.send(chopped ? frame.chop(997) : frame);
                    f.killAfter(length > 128 ? 10 : 1);
                }));
            }
        }
    }

    // ---- 2 Pings/Pongs ----

    private static void pings(List<FuzzCase> cases) {
        cases.add(pingCase("2.1", "A ping without payload", new byte[0], 0, 1));
        cases.add(pingCase("2.2", "A ping with a small text payload", utf8(HELLO), 0, 1));
        cases.add(pingCase("2.3", "A ping with a small binary payload",
                new byte[] {0x00, (byte) 0xff, (byte) 0xfe, (byte) 0xfd, (byte) 0xfc, (byte) 0xfb, 0x00, (byte) 0xff},
                0, 1));
        cases.add(pingCase("2.4", "A ping with a 125-byte binary payload", repeat(0xfe, 125), 0, 1));
        cases.add(open("2.5", "A ping with a 126-byte payload: the connection fails with 1002", f -> {
            f.expect(Outcome.OK);
            f.expectClose(false, false, PROTOCOL_ERROR);
            f.send(FrameSpec.of(PING).payload(repeat(0xfe, 126)));
            f.killAfter(1);
        }));
        cases.add(pingCase("2.6", "A ping with a 125-byte payload, written octet by octet", repeat(0xfe, 125), 1, 2));
        cases.add(open("2.7", "An unsolicited pong without payload, then a close: nothing comes back", f -> {
            f.expect(Outcome.OK);
            f.expectClose(true, true, NORMAL);
            f.send(FrameSpec.of(PONG));
            f.sendClose(NORMAL, null);
            f.closeAfter(1);
        }));
        cases.add(open("2.8", "An unsolicited pong with payload, then a close: nothing comes back", f -> {
            f.expect(Outcome.OK);
            f.expectClose(true, true, NORMAL);
            f.send(FrameSpec.of(PONG).payload("unsolicited pong payload"));
            f.sendClose(NORMAL, null);
            f.closeAfter(1);
        }));
        cases.add(open("2.9", "An unsolicited pong, then a ping: only the ping is answered", f -> {
            f.expect(Outcome.OK, Event.pong("ping payload"));
            f.expectClose(true, true, NORMAL);
            f.send(FrameSpec.of(PONG).payload("unsolicited pong payload"));
            f.send(FrameSpec.of(PING).payload("ping payload"));
            f.closeAfter(1);
        }));
        for (int chop = 0; chop <= 1; chop++) {
            int c = chop;
            cases.add(open(chop == 0 ? "2.10" : "2.11", "Ten pings with payloads"
                    + (chop == 1 ? ", written octet by octet" : "") + ": ten pongs, in order", f -> {
                        Event[] pongs = new Event[10];
                        for (int i = 0; i < 10; i++) {
                            pongs[i] = Event.pong("payload-" + i);
                            f.send(FrameSpec.of(PING).payload("payload-" + i).chop(c));
                        }
                        f.expect(Outcome.OK, pongs);
                        f.expectClose(true, true, NORMAL);
                        f.closeAfter(3);
                    }));
        }
    }

    private static FuzzCase pingCase(String id, String description, byte[] payload, int chop, double closeAfter) {
        return open(id, description + "; expect a pong with the same payload", f -> {
            f.expect(Outcome.OK, Event.pong(payload));
            f.expectClose(true, true, NORMAL);
            f.send(FrameSpec.of(PING).payload(payload).chop(chop));
            f.closeAfter(closeAfter);
        });
    }

    // ---- 3 Reserved Bits ----

    private static void reservedBits(List<FuzzCase> cases) {
        cases.add(open("3.1", "A text message with RSV = 1: the connection fails with 1002", f -> {
            f.expect(Outcome.OK);
            f.expectClose(false, false, PROTOCOL_ERROR);
            f.send(FrameSpec.of(TEXT).payload(HELLO).rsv(1));
            f.killAfter(1);
        }));
        String[] how = {"", "each frame written on its own", "written octet by octet"};
        for (int rsv = 2; rsv <= 4; rsv++) {
            int r = rsv;
            cases.add(open("3." + rsv, "A text message, the same with RSV = " + rsv + ", then a ping"
                    + (how[rsv - 2].isEmpty() ? "" : ", " + how[rsv - 2])
                    + ": the first is echoed, then 1002 and no pong", f -> {
                        f.expect(Outcome.OK, Event.text(HELLO));
                        f.expect(Outcome.NON_STRICT);
                        f.expectClose(false, false, PROTOCOL_ERROR);
                        f.send(styled(FrameSpec.of(TEXT).payload(HELLO), r));
                        f.send(styled(FrameSpec.of(TEXT).payload(HELLO).rsv(r), r));
                        f.send(styled(FrameSpec.of(PING), r));
                        f.killAfter(1);
                    }));
        }
        cases.add(open("3.5", "A binary message with RSV = 5: the connection fails with 1002", f -> {
            f.expect(Outcome.OK);
            f.expectClose(false, false, PROTOCOL_ERROR);
            f.send(FrameSpec.of(BINARY).rsv(5).payload(new byte[] {0x00, (byte) 0xff, (byte) 0xfe, (byte) 0xfd,
                (byte) 0xfc, (byte) 0xfb, 0x00, (byte) 0xff}));
            f.killAfter(1);
        }));
        // Autobahn's 3.6 is titled "ping with RSV = 6" but sends a binary frame; we send what it sends.
        cases.add(open("3.6", "A frame with RSV = 6 (a binary frame, as Autobahn sends it): 1002", f -> {
            f.expect(Outcome.OK);
            f.expectClose(false, false, PROTOCOL_ERROR);
            f.send(FrameSpec.of(BINARY).rsv(6).payload(HELLO));
            f.killAfter(1);
        }));
        cases.add(open("3.7", "A close frame with RSV = 7: 1002", f -> {
            f.expect(Outcome.OK);
            f.expectClose(false, false, PROTOCOL_ERROR);
            f.send(FrameSpec.of(CLOSE).rsv(7));
            f.killAfter(1);
        }));
    }

    /** 3.2 plain, 3.3 frame-wise (sync), 3.4 octet-wise chops. */
    private static FrameSpec styled(FrameSpec s, int rsvCase) {
        return rsvCase == 3 ? s.sync() : rsvCase == 4 ? s.chop(1) : s;
    }

    // ---- 4 Opcodes ----

    private static void opcodes(List<FuzzCase> cases) {
        int[][] reserved = {{3, 4, 5, 6, 7}, {11, 12, 13, 14, 15}};
        for (int group = 0; group < 2; group++) {
            String kind = group == 0 ? "non-control" : "control";
            int[] ops = reserved[group];
            String prefix = "4." + (group + 1) + ".";
            int first = ops[0];
            int second = ops[1];
            cases.add(open(prefix + 1, "A frame with the reserved " + kind + " opcode " + first + ": 1002", f -> {
                f.expect(Outcome.OK);
                f.expectClose(false, false, PROTOCOL_ERROR);
                f.send(FrameSpec.of(first));
                f.killAfter(1);
            }));
            cases.add(open(prefix + 2, "A frame with the reserved " + kind + " opcode " + second
                    + " and a payload: 1002", f -> {
                        f.expect(Outcome.OK);
                        f.expectClose(false, false, PROTOCOL_ERROR);
                        f.send(FrameSpec.of(second).payload("reserved opcode payload"));
                        f.killAfter(1);
                    }));
            for (int k = 2; k < 5; k++) {
                int op = ops[k];
                boolean withPayload = k >= 3;
                int chop = k == 4 ? 1 : 0;
                cases.add(open(prefix + (k + 1), "A text message, a frame with the reserved " + kind + " opcode " + op
                        + (withPayload ? " and a payload" : "") + ", then a ping"
                        + (chop == 1 ? ", written octet by octet" : "")
                        + ": the message is echoed, then 1002 and no pong", f -> {
                            f.expect(Outcome.OK, Event.text(HELLO));
                            f.expect(Outcome.NON_STRICT);
                            f.expectClose(false, false, PROTOCOL_ERROR);
                            f.send(FrameSpec.of(TEXT).payload(HELLO).chop(chop));
                            f.send(FrameSpec.of(op).payload(withPayload ? utf8(HELLO) : new byte[0]).chop(chop));
                            f.send(FrameSpec.of(PING).chop(chop));
                            f.killAfter(1);
                        }));
            }
        }
    }

    // ---- 5 Fragmentation ----

    private static void fragmentation(List<FuzzCase> cases) {
        cases.add(open("5.1", "A ping in two fragments: 1002 (control frames must not be fragmented)", f -> {
            f.expect(Outcome.OK);
            f.expectClose(false, false, PROTOCOL_ERROR);
            f.send(FrameSpec.of(PING).fin(false).payload("fragment1"));
            f.send(FrameSpec.of(CONTINUATION).payload("fragment2"));
            f.killAfter(1);
        }));
        cases.add(open("5.2", "A pong in two fragments: 1002", f -> {
            f.expect(Outcome.OK);
            f.expectClose(false, false, PROTOCOL_ERROR);
            f.send(FrameSpec.of(PONG).fin(false).payload("fragment1"));
            f.send(FrameSpec.of(CONTINUATION).payload("fragment2"));
            f.killAfter(1);
        }));
        String[] styles = {"", ", each frame written on its own", ", written octet by octet"};
        for (int s = 0; s < 3; s++) {
            int style = s;
            cases.add(open("5." + (3 + s), "A text message in two fragments" + styles[s] + "; expect it echoed", f -> {
                f.expect(Outcome.OK, Event.text("fragment1fragment2"));
                f.expectClose(true, true, NORMAL);
                f.send(styled5(FrameSpec.of(TEXT).fin(false).payload("fragment1"), style));
                f.send(styled5(FrameSpec.of(CONTINUATION).payload("fragment2"), style));
                f.closeAfter(1);
            }));
        }
        for (int s = 0; s < 3; s++) {
            int style = s;
            cases.add(open("5." + (6 + s), "A text message in two fragments with a ping between them" + styles[s]
                    + "; expect the pong, then the message", f -> {
                        f.expect(Outcome.OK, Event.pong("ping payload"), Event.text("fragment1fragment2"));
                        f.expectClose(true, true, NORMAL);
                        f.send(styled5(FrameSpec.of(TEXT).fin(false).payload("fragment1"), style));
                        f.send(styled5(FrameSpec.of(PING).payload("ping payload"), style));
                        f.send(styled5(FrameSpec.of(CONTINUATION).payload("fragment2"), style));
                        f.closeAfter(1);
                    }));
        }
        for (int fin = 1; fin >= 0; fin--) {
            boolean finalFrame = fin == 1;
            for (int s = 0; s < 3; s++) {
                int style = s;
                int n = (finalFrame ? 9 : 12) + s;
                cases.add(open("5." + n, "A continuation frame with FIN = " + finalFrame
                        + " and nothing to continue, then a text message" + styles[s] + ": 1002", f -> {
                            f.expect(Outcome.OK);
                            f.expectClose(false, false, PROTOCOL_ERROR);
                            f.send(styled5(FrameSpec.of(CONTINUATION).fin(finalFrame)
                                    .payload("non-continuation payload"), style));
                            f.send(styled5(FrameSpec.of(TEXT).payload(HELLO), style));
                            f.killAfter(1);
                        }));
            }
        }
        cases.add(open("5.15", "A text message in two fragments, then a continuation with FIN = false and nothing"
                + " to continue, then a text message: the first is echoed, then 1002", f -> {
                    f.expect(Outcome.OK, Event.text("fragment1fragment2"));
                    f.expect(Outcome.NON_STRICT);
                    f.expectClose(false, false, PROTOCOL_ERROR);
                    f.send(FrameSpec.of(TEXT).fin(false).payload("fragment1"));
                    f.send(FrameSpec.of(CONTINUATION).payload("fragment2"));
                    f.send(FrameSpec.of(CONTINUATION).fin(false).payload("fragment3"));
                    f.send(FrameSpec.of(TEXT).payload("fragment4"));
                    f.killAfter(1);
                }));
        for (int fin = 0; fin <= 1; fin++) {
            boolean finalFrame = fin == 1;
            cases.add(open(finalFrame ? "5.17" : "5.16", "Twice: a continuation with FIN = " + finalFrame
                    + " and nothing to continue, then a text message in two fragments: 1002", f -> {
                        f.expect(Outcome.OK);
                        f.expectClose(false, false, PROTOCOL_ERROR);
                        for (int i = 0; i < 2; i++) {
                            f.send(FrameSpec.of(CONTINUATION).fin(finalFrame).payload("fragment1"));
                            f.send(FrameSpec.of(TEXT).fin(false).payload("fragment2"));
                            f.send(FrameSpec.of(CONTINUATION).payload("fragment3"));
                        }
                        f.killAfter(1);
                    }));
        }
        cases.add(open("5.18", "A text message in two fragments, both with the text opcode: 1002", f -> {
            f.expect(Outcome.OK);
            f.expectClose(false, false, PROTOCOL_ERROR);
            f.send(FrameSpec.of(TEXT).fin(false).payload("fragment1"));
            f.send(FrameSpec.of(TEXT).payload("fragment2"));
            f.killAfter(1);
        }));
        for (int sync = 0; sync <= 1; sync++) {
            boolean synced = sync == 1;
            cases.add(open(synced ? "5.20" : "5.19", "A text message in five fragments with two pings between them"
                    + " and a one-second pause after the first ping" + (synced ? ", each frame written on its own" : "")
                    + "; expect both pongs (the first before the message ends) and the message", f -> {
                        String[] fragments = {"fragment1", "fragment2", "fragment3", "fragment4", "fragment5"};
                        f.expect(Outcome.OK, Event.pong("pongme 1!"), Event.pong("pongme 2!"),
                                Event.text(String.join("", fragments)));
                        f.expectClose(true, true, NORMAL);
                        f.send(sync(FrameSpec.of(TEXT).fin(false).payload(fragments[0]), synced));
                        f.send(sync(FrameSpec.of(CONTINUATION).fin(false).payload(fragments[1]), synced));
                        f.send(sync(FrameSpec.of(PING).payload("pongme 1!"), synced));
                        f.continueLater(1, () -> {
                            f.send(sync(FrameSpec.of(CONTINUATION).fin(false).payload(fragments[2]), synced));
                            f.send(sync(FrameSpec.of(CONTINUATION).fin(false).payload(fragments[3]), synced));
                            f.send(sync(FrameSpec.of(PING).payload("pongme 2!"), synced));
                            f.send(sync(FrameSpec.of(CONTINUATION).payload(fragments[4]), synced));
                            f.closeAfter(1);
                        });
                    }));
        }
    }

    private static FrameSpec styled5(FrameSpec s, int style) {
        return style == 1 ? s.sync() : style == 2 ? s.chop(1) : s;
    }

    private static FrameSpec sync(FrameSpec s, boolean synced) {
        return synced ? s.sync() : s;
    }
}
