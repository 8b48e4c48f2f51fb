package dev.wsf.runtime.conformance;

import java.util.List;
import java.util.function.Supplier;

/**
 * One Autobahn case: its id ({@code "6.4.1"}), what it does, and the script the fuzzer runs for
 * it. A script gets a fresh instance per run, so it may keep state (message counters, data
 * pointers).
 */
final class FuzzCase {
    /** What a case does at the moments Autobahn gives it: open, each message or pong, connection lost. */
    interface Script {
        void onOpen(Fuzzer f);

        /** By default the message is recorded and the close handshake starts once every expectation is met. */
        default void onMessage(Fuzzer f, byte[] payload, boolean binary) {
            f.record(Event.message(payload, binary));
        }

        default void onPong(Fuzzer f, byte[] payload) {
            f.record(Event.pong(payload));
        }

        /** Runs after the standard verdict was reached, to adjust it as some cases do. */
        default void afterConnectionLost(Fuzzer f) {
        }
    }

    final String id;
    final String description;
    final Supplier<Script> script;
    List<ClientDeflate.Offer> offers = List.of();
    /** Cases that send a bad close on purpose do not start the close handshake when their expectation is met. */
    boolean suppressClose;
    /** Wall-clock cap for the whole case; past it the fuzzer drops the connection. */
    int limitSeconds = 15;

    FuzzCase(String id, String description, Supplier<Script> script) {
        this.id = id;
        this.description = description;
        this.script = script;
    }

    FuzzCase offers(List<ClientDeflate.Offer> o) {
        offers = o;
        return this;
    }

    FuzzCase suppressClose() {
        suppressClose = true;
        return this;
    }

    FuzzCase limitSeconds(int s) {
        limitSeconds = s;
        return this;
    }

    /** The category: the id up to its first dot. */
    String category() {
        return id.substring(0, id.indexOf('.'));
    }

    /** For sorting: the id's numbers compared one by one. */
    static int compareIds(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    @Override
    public String toString() {
        return id + " " + description;
    }
}
