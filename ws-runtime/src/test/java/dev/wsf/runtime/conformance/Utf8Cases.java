package dev.wsf.runtime.conformance;

import static dev.wsf.runtime.conformance.FrameSpec.CONTINUATION;
import static dev.wsf.runtime.conformance.FrameSpec.TEXT;
import static dev.wsf.runtime.conformance.Fuzzer.INVALID_PAYLOAD;
import static dev.wsf.runtime.conformance.Fuzzer.NORMAL;
import static dev.wsf.runtime.conformance.Scripts.concat;
import static dev.wsf.runtime.conformance.Scripts.hex;
import static dev.wsf.runtime.conformance.Scripts.open;
import static dev.wsf.runtime.conformance.Scripts.utf8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Category 6 of the Autobahn|Testsuite: UTF-8 handling. 6.1 to 6.4 are single cases (empty
 * fragments, splits inside code points, fail-fast on the first bad octet); 6.5 to 6.23 are one
 * case per sequence of the table below, each sent as one text frame, valid ones expected back,
 * invalid ones expected to fail the connection with 1007 from the server's side.
 */
final class Utf8Cases {
    /** κόσμε, the word of Markus Kuhn's UTF-8 test file: 5 code points in 11 octets. */
    static final byte[] KOSME = hex("cebae1bdb9cf83cebcceb5");
    private static final String MIXED = "Hello-\u00b5@\u00df\u00f6\u00e4\u00fc\u00e0\u00e1-UTF-8!!";

    private Utf8Cases() {
    }

    /** One group of the table: a title and its sequences, each valid or not as a whole message. */
    record Group(String title, List<Sequence> sequences) {
    }

    record Sequence(boolean valid, byte[] octets) {
    }

    static List<FuzzCase> all() {
        List<FuzzCase> cases = new ArrayList<>();
        single(cases);
        int group = 5;
        for (Group g : table()) {
            int n = 1;
            for (Sequence s : g.sequences()) {
                cases.add(sequenceCase("6." + group + "." + n++, g.title(), s));
            }
            group++;
        }
        return cases;
    }

    private static void single(List<FuzzCase> cases) {
        cases.add(open("6.1.1", "A text message of length 0; expect it echoed", f -> {
            f.expect(Outcome.OK, Event.text(""));
            f.expectClose(true, true, NORMAL);
            f.send(FrameSpec.of(TEXT));
            f.closeAfter(1);
        }));
        cases.add(open("6.1.2", "A text message in three empty fragments; expect an empty message", f -> {
            f.expect(Outcome.OK, Event.text(""));
            f.expectClose(true, true, NORMAL);
            f.send(FrameSpec.of(TEXT).fin(false));
            f.send(FrameSpec.of(CONTINUATION).fin(false));
            f.send(FrameSpec.of(CONTINUATION));
            f.closeAfter(1);
        }));
        cases.add(open("6.1.3", "A text message in three fragments, only the middle one not empty", f -> {
            f.expect(Outcome.OK, Event.text("middle frame payload"));
            f.expectClose(true, true, NORMAL);
            f.send(FrameSpec.of(TEXT).fin(false));
            f.send(FrameSpec.of(CONTINUATION).fin(false).payload("middle frame payload"));
            f.send(FrameSpec.of(CONTINUATION));
            f.closeAfter(1);
        }));
        cases.add(open("6.2.1", "Valid UTF-8 with 2-byte code points in one frame; expect it echoed", f -> {
            f.expect(Outcome.OK, Event.text(MIXED));
            f.expectClose(true, true, NORMAL);
            f.sendMessage(utf8(MIXED), false);
            f.closeAfter(1);
        }));
        cases.add(open("6.2.2", "Valid UTF-8 in two fragments split on a code point boundary", f -> {
            byte[] whole = utf8(MIXED);
            int split = utf8("Hello-\u00b5@\u00df\u00f6\u00e4").length;
            f.expect(Outcome.OK, Event.text(whole));
            f.expectClose(true, true, NORMAL);
            f.send(FrameSpec.of(TEXT).fin(false).payload(Arrays.copyOf(whole, split)));
            f.send(FrameSpec.of(CONTINUATION).payload(Arrays.copyOfRange(whole, split, whole.length)));
            f.closeAfter(1);
        }));
        cases.add(open("6.2.3", "Valid UTF-8 in fragments of one octet, splitting code points", f -> {
            f.expect(Outcome.OK, Event.text(MIXED));
            f.expectClose(true, true, NORMAL);
            f.sendMessage(utf8(MIXED), false, 1);
            f.closeAfter(1);
        }));
        cases.add(open("6.2.4", "Valid UTF-8 (3-byte code points) in fragments of one octet", f -> {
            f.expect(Outcome.OK, Event.text(KOSME));
            f.expectClose(true, true, NORMAL);
            f.sendMessage(KOSME, false, 1);
            f.closeAfter(1);
        }));
        // invalid at octet 12 (0xa0: a surrogate)
        byte[] invalid = concat(KOSME, hex("eda080"), utf8("edited"));
        cases.add(open("6.3.1", "Invalid UTF-8 (a surrogate) in one frame: 1007", f -> {
            f.expect(Outcome.OK);
            f.expectCloseFatal(false, false, INVALID_PAYLOAD);
            f.sendMessage(invalid, false);
            f.killAfter(1);
        }));
        cases.add(open("6.3.2", "The same invalid UTF-8 in fragments of one octet: 1007", f -> {
            f.expect(Outcome.OK);
            f.expectCloseFatal(false, false, INVALID_PAYLOAD);
            f.sendMessage(invalid, false, 1);
            f.killAfter(1);
        }));
        failFast(cases);
    }

    /**
     * 6.4.x: a valid start, a pause, the octets that make the message invalid (f4 90 80 80 is
     * U+110000, out of range), a pause, the rest. The server must fail the connection as soon as
     * the bad octet arrives: the case records a timeout marker before each later part, and only
     * the first may be there (OK); reaching the second means the server waited for more (NON-STRICT).
     */
    private static void failFast(List<FuzzCase> cases) {
        byte[] part1 = KOSME;
        byte[] part2 = hex("f4908080");
        byte[] part3 = utf8("edited");
        byte[] whole = concat(part1, part2, part3);
        byte[][] byFrame = {part1, part2, part3};
        byte[][] byOctet = {Arrays.copyOf(whole, 12), Arrays.copyOfRange(whole, 12, 13),
            Arrays.copyOfRange(whole, 13, whole.length)};
        cases.add(failFastCase("6.4.1", "three frames: valid, then the invalid code point, then the rest",
                byFrame, false));
        cases.add(failFastCase("6.4.2", "three frames, the second being the single octet that makes it invalid",
                byOctet, false));
        cases.add(failFastCase("6.4.3", "one frame written in three parts: valid, the invalid code point, the rest",
                byFrame, true));
        cases.add(failFastCase("6.4.4", "one frame written in three parts, the second being the invalid octet",
                byOctet, true));
    }

    private static FuzzCase failFastCase(String id, String how, byte[][] parts, boolean oneFrame) {
        int total = parts[0].length + parts[1].length + parts[2].length;
        return open(id, "Fail fast on invalid UTF-8, " + how + ", with one-second pauses: 1007 right after the"
                + " second part", f -> {
                    f.expect(Outcome.OK, Event.timeout("A"));
                    f.expect(Outcome.NON_STRICT, Event.timeout("A"), Event.timeout("B"));
                    f.expectCloseFatal(false, false, INVALID_PAYLOAD);
                    if (oneFrame) {
                        f.beginFrame(TEXT, total);
                        f.sendFramePart(parts[0]);
                    } else {
                        f.send(FrameSpec.of(TEXT).fin(false).payload(parts[0]));
                    }
                    f.continueLater(1, () -> {
                        if (f.state != Fuzzer.State.OPEN) {
                            return;
                        }
                        f.received.add(Event.timeout("A"));
                        if (oneFrame) {
                            f.sendFramePart(parts[1]);
                        } else {
                            f.send(FrameSpec.of(CONTINUATION).fin(false).payload(parts[1]));
                        }
                        f.continueLater(1, () -> {
                            if (f.state != Fuzzer.State.OPEN) {
                                return;
                            }
                            f.received.add(Event.timeout("B"));
                            if (oneFrame) {
                                f.sendFramePart(parts[2]);
                            } else {
                                f.send(FrameSpec.of(CONTINUATION).payload(parts[2]));
                            }
                            f.killAfter(1);
                        });
                    });
                });
    }

    private static FuzzCase sequenceCase(String id, String group, Sequence s) {
        String octets = s.octets().length > 24 ? s.octets().length + " octets"
                : "0x" + HexFormat.of().formatHex(s.octets());
        String description = group + ": " + (s.valid() ? "valid" : "invalid") + " UTF-8 " + octets
                + (s.valid() ? ", expect it echoed" : ", expect 1007");
        return open(id, description, f -> {
            if (s.valid()) {
                f.expect(Outcome.OK, Event.text(s.octets()));
                f.expectClose(true, true, NORMAL);
            } else {
                f.expect(Outcome.OK);
                f.expectCloseFatal(false, false, INVALID_PAYLOAD);
            }
            f.sendMessage(s.octets(), false);
            f.killAfter(0.5);
        });
    }

    /**
     * The sequences of 6.5 to 6.23, in Autobahn's order, after Markus Kuhn's UTF-8 decoder
     * stress test: each group becomes a subcategory, each sequence a case.
     */
    static List<Group> table() {
        List<Group> t = new ArrayList<>();
        t.add(group("Some valid UTF-8 sequences", true,
                concat(utf8("hello"), hex("24"), utf8("world")),
                concat(utf8("hello"), hex("c2a2"), utf8("world")),
                concat(utf8("hello"), hex("e282ac"), utf8("world")),
                concat(utf8("hello"), hex("f0a4ada2"), utf8("world")),
                KOSME));
        List<Sequence> prefixes = new ArrayList<>();
        for (int i = 1; i <= KOSME.length; i++) {
            byte[] p = Arrays.copyOf(KOSME, i);
            prefixes.add(new Sequence(Fuzzer.isValidUtf8(p), p));
        }
        t.add(new Group("All prefixes of a valid UTF-8 string with multi-byte code points", prefixes));
        t.add(group("First possible sequence of each length", true, hex("00"), hex("c280"), hex("e0a080"),
                hex("f0908080")));
        t.add(group("First possible sequences of length 5 and 6 (invalid code points)", false, hex("f888808080"),
                hex("fc8480808080")));
        t.add(group("Last possible sequence of each length", true, hex("7f"), hex("dfbf"), hex("efbfbf"),
                hex("f48fbfbf")));
        t.add(group("Last possible sequences of length 4, 5 and 6 (invalid code points)", false, hex("f7bfbfbf"),
                hex("fbbfbfbfbf"), hex("fdbfbfbfbfbf")));
        t.add(new Group("Other boundary conditions", List.of(new Sequence(true, hex("ed9fbf")),
                new Sequence(true, hex("ee8080")), new Sequence(true, hex("efbfbd")),
                new Sequence(true, hex("f48fbfbf")), new Sequence(false, hex("f4908080")))));
        byte[] continuations = new byte[0x3f];
        for (int i = 0; i < continuations.length; i++) {
            continuations[i] = (byte) (0x80 + i); // 0x80 to 0xbe
        }
        t.add(group("Unexpected continuation bytes", false, hex("80"), hex("bf"), hex("80bf"), hex("80bf80"),
                hex("80bf80bf"), hex("80bf80bf80"), hex("80bf80bf80bf"), continuations));
        int[][] lonely = {{0xc0, 0xdf}, {0xe0, 0xef}, {0xf0, 0xf7}, {0xf8, 0xfb}, {0xfc, 0xfd}};
        List<byte[]> lonelies = new ArrayList<>();
        for (int[] range : lonely) {
            byte[] s = new byte[(range[1] - range[0]) * 2];
            for (int b = range[0], i = 0; b < range[1]; b++) { // the upper end is left out, as in Autobahn
                s[i++] = (byte) b;
                s[i++] = 0x20;
            }
            lonelies.add(s);
        }
        t.add(group("Lonely start characters", false, lonelies.toArray(new byte[0][])));
        byte[][] missing = {hex("c0"), hex("e080"), hex("f08080"), hex("f8808080"), hex("fc80808080"), hex("df"),
            hex("efbf"), hex("f7bfbf"), hex("fbbfbfbf"), hex("fdbfbfbfbf")};
        t.add(group("Sequences with the last continuation byte missing", false, missing));
        t.add(group("Concatenation of incomplete sequences", false, concat(missing)));
        t.add(group("Impossible bytes", false, hex("fe"), hex("ff"), hex("fefeffff")));
        t.add(group("Overlong ASCII characters", false, hex("c0af"), hex("e080af"), hex("f08080af"),
                hex("f8808080af"), hex("fc80808080af")));
        t.add(group("Maximum overlong sequences", false, hex("c1bf"), hex("e09fbf"), hex("f08fbfbf"),
                hex("f887bfbfbf"), hex("fc83bfbfbfbf")));
        t.add(group("Overlong representations of NUL", false, hex("c080"), hex("e08080"), hex("f0808080"),
                hex("f880808080"), hex("fc8080808080")));
        t.add(group("Single UTF-16 surrogates", false, hex("eda080"), hex("edadbf"), hex("edae80"), hex("edafbf"),
                hex("edb080"), hex("edbe80"), hex("edbfbf")));
        t.add(group("Paired UTF-16 surrogates", false, hex("eda080edb080"), hex("eda080edbfbf"),
                hex("edadbfedb080"), hex("edadbfedbfbf"), hex("edae80edb080"), hex("edae80edbfbf"),
                hex("edafbfedb080"), hex("edafbfedbfbf")));
        List<byte[]> nonCharacters = new ArrayList<>(List.of(hex("efbfbe"), hex("efbfbf")));
        for (int lead = 0xf0; lead <= 0xf4; lead++) {
            for (int second : new int[] {0x8f, 0x9f, 0xaf, 0xbf}) {
                if (lead == 0xf4 && second != 0x8f) {
                    continue; // above U+10FFFF
                }
                for (int last : new int[] {0xbe, 0xbf}) {
                    if (lead == 0xf0 && second == 0x8f) {
                        continue; // overlong
                    }
                    nonCharacters.add(new byte[] {(byte) lead, (byte) second, (byte) 0xbf, (byte) last});
                }
            }
        }
        t.add(group("Non-character code points (valid UTF-8)", true, nonCharacters.toArray(new byte[0][])));
        t.add(group("Unicode specials (e.g. the replacement character)", true, hex("efbfb9"), hex("efbfba"),
                hex("efbfbb"), hex("efbfbc"), hex("efbfbd"), hex("efbfbe"), hex("efbfbf")));
        return t;
    }

    private static Group group(String title, boolean valid, byte[]... sequences) {
        List<Sequence> list = new ArrayList<>();
        for (byte[] s : sequences) {
            list.add(new Sequence(valid, s));
        }
        return new Group(title, list);
    }
}
