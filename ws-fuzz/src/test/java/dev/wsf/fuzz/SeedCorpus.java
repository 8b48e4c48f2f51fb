package dev.wsf.fuzz;

import static dev.wsf.fuzz.ServerPipeline.EOF;
import static dev.wsf.fuzz.ServerPipeline.LATE_TICK;
import static dev.wsf.fuzz.ServerPipeline.PARTIAL;
import static dev.wsf.fuzz.ServerPipeline.WITH_REQUEST;
import static dev.wsf.fuzz.WireFrames.BINARY;
import static dev.wsf.fuzz.WireFrames.CONTINUATION;
import static dev.wsf.fuzz.WireFrames.PING;
import static dev.wsf.fuzz.WireFrames.PONG;
import static dev.wsf.fuzz.WireFrames.TEXT;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * The seed inputs of every fuzz target, built here so that each one says what it is. They are
 * committed under src/test/resources, where Jazzer reads them ({@code <Class>Inputs/<method>/}),
 * and {@link SeedCorpusTest} keeps the files equal to what this class builds.
 */
final class SeedCorpus {
    private static final int[] ONE_READ = {};

    /** A seed corpus: the directory Jazzer reads it from, and the inputs by file name. */
    record Target(Path directory, Map<String, byte[]> seeds) {
    }

    private SeedCorpus() {
    }

    static Target[] all() {
        return new Target[] {plainFrames(), compressedFrames(), httpHeads(), extensionHeaders(), inflatedFrames()};
    }

    private static Path inputs(Class<?> test, String method) {
        return Path.of("src/test/resources", test.getPackageName().replace('.', '/'),
                test.getSimpleName() + "Inputs", method);
    }

    static Target plainFrames() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        s.put("text_one_read", plan(0, ONE_READ, ClientFrames.start().text("Hello").bytes()));
        s.put("text_and_close_byte_by_byte", plan(0, new int[] {1},
                ClientFrames.start().text("Hello, world").close(1000, "bye").bytes()));
        s.put("fragmented_text_with_ping_between", plan(0, new int[] {5}, ClientFrames.start()
                .frame(TEXT, false, false, ascii("Hel"))
                .frame(PING, true, false, ascii("p"))
                .frame(CONTINUATION, true, false, ascii("lo"))
                .close(1000, "").bytes()));
        s.put("binary_16bit_length_with_request", plan(WITH_REQUEST, new int[] {7},
                ClientFrames.start().binary(pattern(300)).bytes()));
        s.put("utf8_split_across_reads_partial", plan(PARTIAL, new int[] {3}, ClientFrames.start()
                .frame(TEXT, true, false, "Grüße, 世界 🌍".getBytes(StandardCharsets.UTF_8), 0x01020304).bytes()));
        s.put("announced_4mib_sent_100_then_eof", plan(EOF, new int[] {16}, ClientFrames.start()
                .header(BINARY, true, ServerPipeline.MAX_MESSAGE_SIZE - 100).raw(pattern(100)).bytes()));
        s.put("close_1001_with_reason_then_eof", plan(EOF, ONE_READ,
                ClientFrames.start().close(1001, "going away").bytes()));
        s.put("ping_125_pong_empty_close", plan(0, new int[] {64, 2}, ClientFrames.start()
                .frame(PING, true, false, pattern(125))
                .frame(PONG, true, false, new byte[0])
                .frame(WireFrames.CLOSE, true, false, new byte[0]).bytes()));
        s.put("unmasked_frame", plan(0, ONE_READ, new byte[] {(byte) 0x81, 0x02, 'h', 'i'}));
        s.put("invalid_utf8", plan(0, ONE_READ,
                ClientFrames.start().frame(TEXT, true, false, new byte[] {(byte) 0xC3, 0x28}).bytes()));
        s.put("header_cut_short_then_eof_and_tick", plan(EOF | LATE_TICK, ONE_READ,
                Arrays.copyOf(ClientFrames.start().text("cut").bytes(), 3)));
        return new Target(inputs(ServerPipelineFuzzTest.class, "plainFrames"), s);
    }

    static Target compressedFrames() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        byte[] hello = ascii("Hello, hello, hello, hello! Hello, hello, hello, hello! Hello, hello, hello!");
        byte[] compressed = ClientFrames.compress(hello);
        s.put("compressed_text", plan(0, ONE_READ, ClientFrames.start().frame(TEXT, true, true, compressed).bytes()));
        int half = compressed.length / 2;
        s.put("compressed_text_in_two_frames", plan(0, new int[] {4}, ClientFrames.start()
                .frame(TEXT, false, true, Arrays.copyOf(compressed, half))
                .frame(CONTINUATION, true, false, Arrays.copyOfRange(compressed, half, compressed.length)).bytes()));
        Deflater shared = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] first = ClientFrames.compress(shared, hello);
        byte[] second = ClientFrames.compress(shared, hello); // refers back into the first message
        shared.end();
        s.put("context_takeover_two_messages", plan(0, ONE_READ, ClientFrames.start()
                .frame(TEXT, true, true, first).frame(TEXT, true, true, second).close(1000, "done").bytes()));
        s.put("uncompressed_text_with_deflate", plan(0, ONE_READ, ClientFrames.start().text("plain").bytes()));
        s.put("bfinal_block", plan(0, ONE_READ,
                ClientFrames.start().frame(TEXT, true, true, ClientFrames.compressFinal(hello)).bytes()));
        s.put("rsv1_on_continuation", plan(0, ONE_READ, ClientFrames.start()
                .frame(TEXT, false, true, Arrays.copyOf(compressed, half))
                .frame(CONTINUATION, true, true, Arrays.copyOfRange(compressed, half, compressed.length)).bytes()));
        s.put("compressed_binary_split_with_request", plan(WITH_REQUEST, new int[] {3, 50},
                ClientFrames.start().frame(BINARY, true, true, ClientFrames.compress(pattern(1000))).bytes()));
        s.put("64k_of_zeros_partial", plan(PARTIAL, ONE_READ,
                ClientFrames.start().frame(BINARY, true, true, ClientFrames.compress(new byte[65536])).bytes()));
        s.put("corrupt_compressed_data", plan(0, ONE_READ, ClientFrames.start()
                .frame(TEXT, true, true, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}).bytes()));
        s.put("announced_4mib_compressed_then_eof", plan(EOF, new int[] {16}, ClientFrames.start()
                .header(BINARY, true, ServerPipeline.MAX_MESSAGE_SIZE - 100).raw(compressed).bytes()));
        return new Target(inputs(DeflatePipelineFuzzTest.class, "compressedFrames"), s);
    }

    static Target httpHeads() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        byte[] upgrade = new ServerPipeline(true).upgradeRequest();
        s.put("upgrade_request", plan(0, ONE_READ, upgrade));
        s.put("upgrade_request_in_small_reads", plan(0, new int[] {1, 2, 3, 5, 8, 13}, upgrade));
        s.put("upgrade_request_then_frame", plan(0, ONE_READ,
                concat(upgrade, ClientFrames.start().text("Hello").bytes())));
        s.put("leading_newlines_lf_only", plan(0, ONE_READ, ascii("\r\n\nGET /echo?room=1 HTTP/1.1\nHost: a\n\n")));
        s.put("absolute_form_target", plan(0, ONE_READ,
                ascii("GET http://example.com:8080/echo?x=1 HTTP/1.1\r\nHost: example.com:8080\r\n\r\n")));
        s.put("response_101", plan(0, new int[] {40}, ascii("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\n\r\n")));
        s.put("obsolete_line_folding", plan(0, ONE_READ, ascii("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n")));
        s.put("http_1_0", plan(0, ONE_READ, ascii("GET / HTTP/1.0\r\nHost: a\r\n\r\n")));
        s.put("bare_cr", plan(0, ONE_READ, ascii("GET / HTTP/1.1\rHost: a\r\n\r\n")));
        s.put("fragment_in_target", plan(0, ONE_READ, ascii("GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n")));
        s.put("head_over_small_limit", plan(HttpHeadFuzzTest.SMALL_LIMIT, ONE_READ,
                ascii("GET / HTTP/1.1\r\nX-Long: " + "x".repeat(80) + "\r\n\r\n")));
        return new Target(inputs(HttpHeadFuzzTest.class, "heads"), s);
    }

    static Target extensionHeaders() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        s.put("deflate", ascii("permessage-deflate"));
        s.put("deflate_param_without_value", ascii("permessage-deflate; client_max_window_bits"));
        s.put("two_offers", ascii("permessage-deflate; client_max_window_bits=10; server_no_context_takeover, "
                + "permessage-deflate"));
        s.put("quoted_value", ascii("x-foo; bar=\"baz\""));
        s.put("quoted_pair_and_second_extension", ascii("x-foo;bar=\"b\\az\" , x-bar"));
        s.put("empty_elements_and_two_values", ascii(" , ,a ; b = c ,\n\tpermessage-deflate ;client_no_context_takeover"));
        s.put("unterminated_quote", ascii("x; a=\"unterminated"));
        s.put("quoted_value_not_a_token", ascii("x; a=\"not a token\""));
        s.put("empty_parameter", ascii("x;;"));
        s.put("value_without_name", ascii("x; =1"));
        return new Target(inputs(ExtensionHeaderFuzzTest.class, "headerValues"), s);
    }

    static Target inflatedFrames() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        byte[] hello = ascii("Hello, hello, hello, hello! Hello, hello, hello, hello!");
        byte[] compressed = ClientFrames.compress(hello);
        int half = compressed.length / 2;
        s.put("compressed_text", inflaterInput(0, 7, frame(true, true, 1, compressed)));
        s.put("over_the_limit", inflaterInput(0, 2, frame(true, true, 2, ClientFrames.compress(pattern(1000)))));
        s.put("two_frames", inflaterInput(0, 7, concat(frame(false, true, 1, Arrays.copyOf(compressed, half)),
                frame(true, false, 0, Arrays.copyOfRange(compressed, half, compressed.length)))));
        Deflater shared = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] first = ClientFrames.compress(shared, hello);
        byte[] second = ClientFrames.compress(shared, hello);
        shared.end();
        s.put("context_takeover", inflaterInput(0, 7, concat(frame(true, true, 1, first), frame(true, true, 1, second))));
        s.put("no_context_takeover_offer", inflaterInput(1, 3, concat(frame(true, true, 1, compressed),
                frame(true, true, 1, compressed))));
        s.put("plain_then_compressed", inflaterInput(2, 7, concat(frame(true, false, 2, pattern(40)),
                frame(true, true, 2, compressed))));
        s.put("final_block_then_more", inflaterInput(3, 7,
                frame(true, true, 1, concat(ClientFrames.compressFinal(hello), compressed))));
        s.put("rsv1_on_continuation", inflaterInput(0, 7, concat(frame(false, true, 1, Arrays.copyOf(compressed, half)),
                frame(true, true, 0, Arrays.copyOfRange(compressed, half, compressed.length)))));
        s.put("corrupt", inflaterInput(0, 7, frame(true, true, 1, new byte[] {(byte) 0xFF, (byte) 0xFF})));
        s.put("200k_of_zeros", inflaterInput(0, 7, frame(true, true, 2, ClientFrames.compress(new byte[200_000]))));
        return new Target(inputs(InflaterFuzzTest.class, "inflatedFrames"), s);
    }

    /** An {@link InflaterFuzzTest} input: which offer, which limit, then the frames. */
    private static byte[] inflaterInput(int offer, int limit, byte[] frames) {
        return concat(new byte[] {(byte) (limit << 2 | offer)}, frames);
    }

    /** One frame in {@link InflaterFuzzTest}'s layout. */
    private static byte[] frame(boolean fin, boolean rsv1, int opcode, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
        if (payload.length < 255) {
            out.write(payload.length);
        } else {
            out.write(255);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] plan(int flags, int[] sizes, byte[] stream) {
        return ReadPlan.encode(flags, sizes, stream);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Bytes that compress a little but not to nothing. */
    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 % 251);
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
