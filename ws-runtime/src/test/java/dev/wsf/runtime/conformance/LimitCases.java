package dev.wsf.runtime.conformance;

import static dev.wsf.runtime.conformance.FrameSpec.BINARY;
import static dev.wsf.runtime.conformance.FrameSpec.TEXT;
import static dev.wsf.runtime.conformance.Fuzzer.NORMAL;
import static dev.wsf.runtime.conformance.Scripts.openThen;
import static dev.wsf.runtime.conformance.Scripts.repeat;
import static dev.wsf.runtime.conformance.Scripts.utf8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Category 9 (limits and performance: large messages, fragmented and chopped, and round trips of
 * many small ones) and category 10 (auto-fragmentation) of the Autobahn|Testsuite.
 *
 * <p>Autobahn only checks the length of what comes back in 9.x; we also compare the octets, and
 * a difference fails the case. Each case's time counts from the open to the end of the connection
 * and is reported; the case fails if it does not finish within Autobahn's own time limit.
 */
final class LimitCases {
    private static final int KIB = 1024;
    private static final int MIB = 1024 * 1024;
    private static final byte[] TEXT_PATTERN = utf8("BAsd7&jh23");
    private static final byte[] BINARY_PATTERN = {0x00, (byte) 0xfe, 0x23, (byte) 0xfa, (byte) 0xf0};

    private LimitCases() {
    }

    static List<FuzzCase> limits() {
        List<FuzzCase> cases = new ArrayList<>();
        int[] sizes = {64 * KIB, 256 * KIB, MIB, 4 * MIB, 8 * MIB, 16 * MIB};
        int[] waits = {10, 10, 100, 100, 100, 100};
        for (int b = 0; b <= 1; b++) {
            boolean binary = b == 1;
            for (int i = 0; i < sizes.length; i++) {
                int size = sizes[i];
                cases.add(echoOnce("9." + (b + 1) + "." + (i + 1), (binary ? "A binary" : "A text") + " message of "
                        + human(size) + " in one frame", binary, waits[i],
                        f -> f.send(FrameSpec.of(binary ? BINARY : TEXT).payload(pattern(binary)).repeatTo(size)),
                        FrameSpec.of(0).payload(pattern(binary)).repeatTo(size).effectivePayload()));
            }
        }
        int[] fragments = {64, 256, KIB, 4 * KIB, 16 * KIB, 64 * KIB, 256 * KIB, MIB, 4 * MIB};
        for (int b = 0; b <= 1; b++) {
            boolean binary = b == 1;
            byte[] payload = binary ? repeat(0xfe, 4 * MIB) : repeat('*', 4 * MIB);
            for (int i = 0; i < fragments.length; i++) {
                int fragment = fragments[i];
                cases.add(echoOnce("9." + (b + 3) + "." + (i + 1), (binary ? "A binary" : "A text")
                        + " message of 4 MiB in fragments of " + human(fragment), binary, 100,
                        f -> f.sendMessage(payload, binary, fragment), payload));
            }
        }
        int[] chops = {64, 128, 256, 512, 1024, 2048};
        for (int b = 0; b <= 1; b++) {
            boolean binary = b == 1;
            for (int i = 0; i < chops.length; i++) {
                int chop = chops[i];
                cases.add(echoOnce("9." + (b + 5) + "." + (i + 1), (binary ? "A binary" : "A text")
                        + " message of 1 MiB in one frame, written in chops of " + chop + " octets", binary, 1000,
                        f -> f.send(FrameSpec.of(binary ? BINARY : TEXT).payload(pattern(binary)).repeatTo(MIB)
                                .chop(chop)),
                        FrameSpec.of(0).payload(pattern(binary)).repeatTo(MIB).effectivePayload()));
            }
        }
        int[][] roundTrips = {{0, 60}, {16, 60}, {64, 60}, {256, 120}, {1024, 240}, {4096, 480}};
        for (int b = 0; b <= 1; b++) {
            boolean binary = b == 1;
            for (int i = 0; i < roundTrips.length; i++) {
                cases.add(roundTrips("9." + (b + 7) + "." + (i + 1), binary, roundTrips[i][0], 1000, roundTrips[i][1]));
            }
        }
        return cases;
    }

    static List<FuzzCase> autoFragmentation() {
        byte[] payload = repeat('*', 65536);
        int fragment = 1300;
        return List.of(openThen("10.1.1", "A text message of 65536 bytes auto-fragmented into frames of 1300"
                + " octets; expect it echoed whole", f -> {
                    f.autoFragmentSize = fragment;
                    f.expect(Outcome.OK, Event.text(payload));
                    f.expectClose(true, true, NORMAL);
                    f.sendMessage(payload, false);
                    f.killAfter(10);
                }, f -> {
                    // Autobahn checks its own side here: the frames it wrote are the split it asked for.
                    int continuations = payload.length / fragment;
                    int firsts = payload.length % fragment > 0 ? 1 : 0;
                    if (f.txFrames[0] != continuations || f.txFrames[1] != firsts) {
                        f.behavior = Outcome.FAILED;
                        f.result = "frames sent: " + f.txFrames[1] + " text + " + f.txFrames[0]
                                + " continuation, expected " + firsts + " + " + continuations;
                    }
                }));
    }

    private static byte[] pattern(boolean binary) {
        return binary ? BINARY_PATTERN : TEXT_PATTERN;
    }

    /** Sends one message and expects it back: any message ends the case, with a close of 1000. */
    private static FuzzCase echoOnce(String id, String description, boolean binary, int waitSeconds,
                                     Consumer<Fuzzer> send, byte[] sent) {
        return new FuzzCase(id, description + "; expect it echoed within " + waitSeconds + " s", () ->
                new FuzzCase.Script() {
                    @Override
                    public void onOpen(Fuzzer f) {
                        f.expectClose(true, true, NORMAL);
                        f.result = "no message within " + waitSeconds + " s";
                        send.accept(f);
                        f.closeAfter(waitSeconds);
                    }

                    @Override
                    public void onMessage(Fuzzer f, byte[] payload, boolean isBinary) {
                        if (isBinary != binary) {
                            f.result = "a message of the other type came back";
                        } else if (payload.length != sent.length) {
                            f.result = "expected " + sent.length + " bytes back, got " + payload.length;
                        } else if (!Arrays.equals(payload, sent)) {
                            f.result = "the echo has the right length but different content";
                        } else {
                            f.behavior = Outcome.OK;
                            f.result = "received the " + payload.length + "-byte message";
                        }
                        f.sendClose(NORMAL, null);
                    }
                }).limitSeconds(waitSeconds + 10);
    }

    /** 9.7.x and 9.8.x: {@code count} messages of {@code size} bytes, each sent when the previous one is back. */
    private static FuzzCase roundTrips(String id, boolean binary, int size, int count, int waitSeconds) {
        byte[] payload = repeat(binary ? 0xfe : '*', size);
        return new FuzzCase(id, count + " " + (binary ? "binary" : "text") + " messages of " + size
                + " bytes, one at a time; expect every echo within " + waitSeconds + " s", () -> new FuzzCase.Script() {
                    private int sent;

                    @Override
                    public void onOpen(Fuzzer f) {
                        f.expectClose(true, true, NORMAL);
                        f.result = "the case did not finish within " + waitSeconds + " s";
                        f.closeAfter(waitSeconds);
                        sendOne(f);
                    }

                    private void sendOne(Fuzzer f) {
                        f.send(FrameSpec.of(binary ? BINARY : TEXT).payload(payload));
                        sent++;
                    }

                    @Override
                    public void onMessage(Fuzzer f, byte[] echoed, boolean isBinary) {
                        if (isBinary != binary || !Arrays.equals(echoed, payload)) {
                            f.behavior = Outcome.FAILED;
                            f.result = "echo " + sent + " differs from what was sent (binary=" + isBinary + ", "
                                    + echoed.length + " bytes)";
                            f.sendClose(NORMAL, null);
                        } else if (sent < count) {
                            sendOne(f);
                        } else {
                            f.behavior = Outcome.OK;
                            f.result = "received all " + count + " echoes in time";
                            f.sendClose(NORMAL, null);
                        }
                    }
                }).limitSeconds(waitSeconds + 10);
    }

    static String human(int bytes) {
        if (bytes >= MIB && bytes % MIB == 0) {
            return bytes / MIB + " MiB";
        }
        if (bytes >= KIB && bytes % KIB == 0) {
            return bytes / KIB + " KiB";
        }
        return bytes + " bytes";
    }
}
