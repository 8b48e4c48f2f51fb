package dev.wsf.runtime.conformance;

import static dev.wsf.runtime.conformance.FrameSpec.CLOSE;
import static dev.wsf.runtime.conformance.FrameSpec.CONTINUATION;
import static dev.wsf.runtime.conformance.FrameSpec.PING;
import static dev.wsf.runtime.conformance.FrameSpec.TEXT;
import static dev.wsf.runtime.conformance.Fuzzer.INVALID_PAYLOAD;
import static dev.wsf.runtime.conformance.Fuzzer.NORMAL;
import static dev.wsf.runtime.conformance.Fuzzer.PROTOCOL_ERROR;
import static dev.wsf.runtime.conformance.Scripts.concat;
import static dev.wsf.runtime.conformance.Scripts.hex;
import static dev.wsf.runtime.conformance.Scripts.openThen;
import static dev.wsf.runtime.conformance.Scripts.repeat;
import static dev.wsf.runtime.conformance.Scripts.utf8;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Category 7 of the Autobahn|Testsuite: the closing handshake, started by the fuzzer. In all but
 * the informational cases, a close code the case did not allow fails the case itself.
 */
final class CloseCases {
    /** Valid codes the server must accept and answer with 1000 or the same code (7.7.x). */
    static final int[] VALID_CODES = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999};
    /** Codes that may not appear in a close frame (7.9.x, as in the current Autobahn release). */
    static final int[] INVALID_CODES = {0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999};

    private CloseCases() {
    }

    static List<FuzzCase> all() {
        List<FuzzCase> cases = new ArrayList<>();
        cases.add(close("7.1.1", "A text message, then (once it is echoed) a close: clean close with 1000", f -> {
            f.expect(Outcome.OK, Event.text("Hello World!"));
            f.expectClose(true, true, NORMAL);
            f.send(FrameSpec.of(TEXT).payload("Hello World!"));
            f.killAfter(1);
        }));
        cases.add(close("7.1.2", "Two close frames: the second is ignored, clean close with 1000", f -> {
            f.expect(Outcome.OK);
            f.expectClose(true, true, NORMAL);
            f.sendClose(NORMAL, null);
            f.send(FrameSpec.of(CLOSE));
            f.killAfter(1);
        }).suppressClose());
        cases.add(close("7.1.3", "A ping after the close frame: no pong, clean close with 1000", f -> {
            f.expect(Outcome.OK);
            f.expectClose(true, true, NORMAL);
            f.sendClose(NORMAL, null);
            f.send(FrameSpec.of(PING));
            f.killAfter(1);
        }).suppressClose());
        cases.add(close("7.1.4", "A text message after the close frame: ignored, clean close with 1000", f -> {
            f.expect(Outcome.OK);
            f.expectClose(true, true, NORMAL);
            f.sendClose(NORMAL, null);
            f.send(FrameSpec.of(TEXT).payload("Hello World!"));
            f.killAfter(1);
        }).suppressClose());
        cases.add(close("7.1.5", "A first fragment, the close frame, then the last fragment: clean close with 1000",
                f -> {
                    f.expect(Outcome.OK);
                    f.expectClose(true, true, NORMAL);
                    f.send(FrameSpec.of(TEXT).fin(false).payload("fragment1"));
                    f.sendClose(NORMAL, null);
                    f.send(FrameSpec.of(CONTINUATION).payload("fragment2"));
                    f.killAfter(1);
                }).suppressClose());
        cases.add(openThen("7.1.6", "A 256 KiB text message, a small one, a close and a ping, back to back"
                + " (informational: what is echoed before the close depends on the implementation)", f -> {
                    f.expect(Outcome.OK, Event.text("Hello World!"));
                    f.expect(Outcome.NON_STRICT);
                    f.expectClose(true, true, NORMAL);
                    f.send(FrameSpec.of(TEXT).payload("BAsd7&jh23").repeatTo(256 * 1024));
                    f.send(FrameSpec.of(TEXT).payload("Hello World!"));
                    f.sendClose(NORMAL, null);
                    f.send(FrameSpec.of(PING));
                    f.killAfter(1);
                }, f -> {
                    f.result = "echoed before the close: " + f.received;
                    f.behavior = Outcome.INFORMATIONAL;
                    f.behaviorClose = Outcome.INFORMATIONAL;
                }).suppressClose());

        cases.add(close("7.3.1", "A close frame with an empty payload: clean close", f -> {
            f.expect(Outcome.OK);
            f.expectClose(true, true, NORMAL);
            f.sendCloseFrame(null, null);
            f.killAfter(1);
        }).suppressClose());
        cases.add(close("7.3.2", "A close frame with a 1-octet payload: 1002 or a dropped connection", f -> {
            f.expect(Outcome.OK);
            f.expectClose(true, false, PROTOCOL_ERROR);
            f.sendCloseFrame(null, utf8("a"));
            f.killAfter(1);
        }).suppressClose());
        cases.add(close("7.3.3", "A close frame with a code and no reason: clean close with 1000", f -> {
            f.expect(Outcome.OK);
            f.expectClose(true, true, NORMAL);
            f.sendClose(NORMAL, null);
            f.killAfter(1);
        }).suppressClose());
        cases.add(close("7.3.4", "A close frame with a code and a reason: clean close with 1000", f -> {
            f.expect(Outcome.OK);
            f.expectClose(true, true, NORMAL);
            f.sendClose(NORMAL, "Hello World!");
            f.killAfter(1);
        }).suppressClose());
        cases.add(close("7.3.5", "A close frame with a reason of 123 octets (the most that fits): clean close", f -> {
            f.expect(Outcome.OK);
            f.expectClose(true, true, NORMAL);
            f.sendClose(NORMAL, "*".repeat(123));
            f.killAfter(1);
        }).suppressClose());
        cases.add(close("7.3.6", "A close frame with a reason of 124 octets (payload 126, too long for a control"
                + " frame): 1002 or a dropped connection", f -> {
                    f.expect(Outcome.OK);
                    f.expectClose(true, false, PROTOCOL_ERROR);
                    f.sendCloseFrame(NORMAL, repeat('*', 124));
                    f.killAfter(1);
                }).suppressClose());
        cases.add(close("7.5.1", "A close frame whose reason is not valid UTF-8: 1002, 1007 or a dropped connection",
                f -> {
                    f.expect(Outcome.OK);
                    f.expectClose(true, false, PROTOCOL_ERROR, INVALID_PAYLOAD);
                    f.sendCloseFrame(NORMAL, concat(Utf8Cases.KOSME, hex("eda080"), utf8("edited")));
                    f.killAfter(1);
                }).suppressClose());
        for (int i = 0; i < VALID_CODES.length; i++) {
            int code = VALID_CODES[i];
            cases.add(close("7.7." + (i + 1), "A close with the valid code " + code
                    + ": clean close with 1000 or the same code", f -> {
                        f.expect(Outcome.OK);
                        f.expectClose(true, true, NORMAL, code);
                        f.sendCloseFrame(code, null);
                        f.killAfter(1);
                    }));
        }
        for (int i = 0; i < INVALID_CODES.length; i++) {
            int code = INVALID_CODES[i];
            cases.add(close("7.9." + (i + 1), "A close with the invalid code " + code
                    + ": 1002 or a dropped connection", f -> {
                        f.expect(Outcome.OK);
                        f.expectClose(true, false, PROTOCOL_ERROR);
                        f.sendCloseFrame(code, null);
                        f.killAfter(1);
                    }));
        }
        int[] undefined = {5000, 65535};
        for (int i = 0; i < undefined.length; i++) {
            int code = undefined[i];
            cases.add(openThen("7.13." + (i + 1), "A close with code " + code
                    + " (informational: the RFC does not say what happens)", f -> {
                        f.expect(Outcome.OK);
                        f.expectClose(true, false, NORMAL, code, PROTOCOL_ERROR);
                        f.sendCloseFrame(code, null);
                        f.killAfter(1);
                    }, f -> {
                        f.result = "the server answered with " + (f.remoteCloseCode == null ? "no code"
                                : "close code " + f.remoteCloseCode);
                        f.behavior = Outcome.INFORMATIONAL;
                        f.behaviorClose = Outcome.INFORMATIONAL;
                    }).suppressClose());
        }
        return cases;
    }

    private static FuzzCase close(String id, String description, Consumer<Fuzzer> onOpen) {
        return openThen(id, description, onOpen, Scripts::wrongCodeIsFailure);
    }
}
