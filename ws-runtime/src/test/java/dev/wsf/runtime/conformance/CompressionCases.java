package dev.wsf.runtime.conformance;

import static dev.wsf.runtime.conformance.Fuzzer.NORMAL;

import dev.wsf.runtime.conformance.ClientDeflate.Offer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Categories 12 and 13 of the Autobahn|Testsuite: permessage-deflate. Each case sends 1000
 * compressed messages of one size, one at a time, each cut from a test data set where the last
 * one stopped, and expects every echo to match; some cases split each compressed message into
 * frames of a fixed size. Category 12 varies the data (five sets) with the default offer;
 * category 13 varies the offer (seven sets of parameters) with the JSON data.
 *
 * <p>The data sets are stand-ins of the same kinds and sizes as Autobahn's files (see
 * {@link CompressionData}), generated so the suite needs no download. The number of messages per
 * case can be lowered for a quick local run with {@code -Dwsf.conformance.deflateMessages=N}; the
 * report says which number was used.
 */
final class CompressionCases {
    /** (payload length, message count, time limit in seconds, auto-fragment size), Autobahn's table. */
    private static final int[][] SIZES = {
        {16, 1000, 60, 0}, {64, 1000, 60, 0}, {256, 1000, 120, 0}, {1024, 1000, 240, 0}, {4096, 1000, 480, 0},
        {8192, 1000, 480, 0}, {16384, 1000, 480, 0}, {32768, 1000, 480, 0}, {65536, 1000, 480, 0},
        {131072, 1000, 480, 0},
        {8192, 1000, 480, 256}, {16384, 1000, 480, 256}, {32768, 1000, 480, 256}, {65536, 1000, 480, 256},
        {131072, 1000, 480, 256}, {131072, 1000, 480, 1024}, {131072, 1000, 480, 4096}, {131072, 1000, 480, 32768},
    };

    /** Client offers of 13.1 to 13.7, as (server_no_context_takeover, server_max_window_bits) requests. */
    static final List<List<Offer>> OFFERS_13 = List.of(
            List.of(Offer.defaults()),
            List.of(Offer.requesting(true, 0)),
            List.of(Offer.requesting(false, 8)),
            List.of(Offer.requesting(false, 15)),
            List.of(Offer.requesting(true, 8)),
            List.of(Offer.requesting(true, 15)),
            List.of(Offer.requesting(true, 8), Offer.requesting(true, 0), Offer.defaults()));

    private CompressionCases() {
    }

    static int messagesPerCase() {
        return Integer.getInteger("wsf.conformance.deflateMessages", 1000);
    }

    static List<FuzzCase> payloads() {
        List<FuzzCase> cases = new ArrayList<>();
        List<CompressionData.DataSet> sets = CompressionData.all();
        for (int j = 0; j < sets.size(); j++) {
            for (int i = 0; i < SIZES.length; i++) {
                cases.add(deflateCase("12." + (j + 1) + "." + (i + 1), sets.get(j), SIZES[i], List.of(Offer.defaults())));
            }
        }
        return cases;
    }

    static List<FuzzCase> parameters() {
        List<FuzzCase> cases = new ArrayList<>();
        for (int j = 0; j < OFFERS_13.size(); j++) {
            for (int i = 0; i < SIZES.length; i++) {
                cases.add(deflateCase("13." + (j + 1) + "." + (i + 1), CompressionData.json(), SIZES[i], OFFERS_13.get(j)));
            }
        }
        return cases;
    }

    private static FuzzCase deflateCase(String id, CompressionData.DataSet data, int[] size, List<Offer> offers) {
        int length = size[0];
        int count = Math.min(size[1], messagesPerCase());
        int waitSeconds = size[2];
        int fragment = size[3];
        String description = count + " compressed " + (data.binary() ? "binary" : "text") + " messages of " + length
                + " bytes from " + data.name() + (fragment > 0 ? ", auto-fragmented to " + fragment + " octets" : "")
                + ", offer " + offers + "; expect every echo within " + waitSeconds + " s";
        return new FuzzCase(id, description, () -> new FuzzCase.Script() {
            private int sent;
            private int pointer;
            private byte[] last;

            @Override
            public void onOpen(Fuzzer f) {
                f.autoFragmentSize = fragment;
                f.expectClose(true, true, NORMAL);
                if (f.deflate == null) {
                    f.behavior = Outcome.UNIMPLEMENTED;
                    f.result = "the server did not accept permessage-deflate";
                    f.sendClose(NORMAL, null);
                    return;
                }
                f.result = "the case did not finish within " + waitSeconds + " s";
                f.closeAfter(waitSeconds);
                sendOne(f);
            }

            private void sendOne(Fuzzer f) {
                last = data.slice(pointer, length);
                pointer = (pointer + length) % data.bytes().length;
                f.sendMessage(last, data.binary());
                sent++;
            }

            @Override
            public void onMessage(Fuzzer f, byte[] echoed, boolean binary) {
                if (binary != data.binary() || !Arrays.equals(echoed, last)) {
                    f.behavior = Outcome.FAILED;
                    f.result = "echo " + sent + " differs: binary=" + binary + ", " + echoed.length + " bytes, expected "
                            + last.length;
                    f.sendClose(NORMAL, null);
                } else if (sent < count) {
                    sendOne(f);
                } else {
                    f.behavior = Outcome.OK;
                    f.result = "received all " + count + " echoes in time; negotiated: " + f.deflate.response;
                    f.sendClose(NORMAL, null);
                }
            }
        }).offers(offers).limitSeconds(waitSeconds + 30);
    }
}
