package dev.wsf.runtime.conformance;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/** Small helpers the case tables share. */
final class Scripts {
    private Scripts() {
    }

    /** A case whose script only acts when the connection opens. */
    static FuzzCase open(String id, String description, Consumer<Fuzzer> onOpen) {
        return new FuzzCase(id, description, () -> onOpen::accept);
    }

    /** A case that also adjusts the verdict once the connection is gone. */
    static FuzzCase openThen(String id, String description, Consumer<Fuzzer> onOpen, Consumer<Fuzzer> after) {
        return new FuzzCase(id, description, () -> new FuzzCase.Script() {
            @Override
            public void onOpen(Fuzzer f) {
                onOpen.accept(f);
            }

            @Override
            public void afterConnectionLost(Fuzzer f) {
                after.accept(f);
            }
        });
    }

    /** Close cases: a close code other than the expected ones fails the case itself (Autobahn's 7.x rule). */
    static void wrongCodeIsFailure(Fuzzer f) {
        if (f.behaviorClose == Outcome.WRONG_CODE) {
            f.behavior = Outcome.FAILED;
            f.result = f.resultClose;
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] repeat(int b, int n) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) b);
        return out;
    }

    static byte[] hex(String h) {
        return java.util.HexFormat.of().parseHex(h.replace(" ", ""));
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
