package dev.wsf.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The harness the pipeline fuzz targets run in does what they rely on: the upgrade goes through,
 * messages come back through the whole pipeline and are compared, violations end in the close
 * code the RFC asks for. Without this, a harness that quietly did nothing would pass every input.
 */
class ServerPipelineTest {
    private static final ServerPipeline PLAIN = new ServerPipeline(false);
    private static final ServerPipeline DEFLATE = new ServerPipeline(true);

    @Test
    void echoesTextReadByteByByteAndAnswersTheClose() {
        ServerPipeline.Outcome o = PLAIN.run(SeedCorpus.plainFrames().seeds().get("text_and_close_byte_by_byte"));
        assertEquals(List.of("Hello, world"), texts(o.messages().messages));
        assertEquals(1000, closeCode(o));
    }

    @Test
    void echoesAFragmentedMessageAndPongsThePingBetweenItsFragments() {
        ServerPipeline.Outcome o = PLAIN.run(SeedCorpus.plainFrames().seeds().get("fragmented_text_with_ping_between"));
        assertEquals(List.of("Hello"), texts(o.messages().messages));
        assertEquals(1, o.messages().pongs.size());
        assertArrayEquals("p".getBytes(), o.messages().pongs.get(0));
    }

    @Test
    void echoesPartsOfAMaskedMessageWhoseCodePointsAreSplitAcrossReads() {
        ServerPipeline.Outcome o = PLAIN.run(SeedCorpus.plainFrames().seeds().get("utf8_split_across_reads_partial"));
        assertEquals(List.of("Grüße, 世界 🌍"), texts(o.messages().messages));
        assertTrue(o.frames().size() > 1, "partial delivery should echo in several frames: " + o.frames().size());
    }

    @Test
    void failsWith1002ForAnUnmaskedFrameAnd1007ForInvalidUtf8() {
        assertEquals(1002, closeCode(PLAIN.run(SeedCorpus.plainFrames().seeds().get("unmasked_frame"))));
        assertEquals(1007, closeCode(PLAIN.run(SeedCorpus.plainFrames().seeds().get("invalid_utf8"))));
    }

    @Test
    void negotiatesDeflateAndEchoesCompressedMessagesCompressed() {
        ServerPipeline.Outcome o = DEFLATE.run(SeedCorpus.compressedFrames().seeds().get("context_takeover_two_messages"));
        assertTrue(o.responseHead().contains("Sec-WebSocket-Extensions: permessage-deflate"), o.responseHead());
        String hello = "Hello, hello, hello, hello! Hello, hello, hello, hello! Hello, hello, hello!";
        assertEquals(List.of(hello, hello), texts(o.messages().messages));
        assertTrue(o.frames().get(0).rsv1(), "a message above the threshold goes back compressed");
    }

    @Test
    void inflatesAMessageSplitAcrossFramesAndReads() {
        ServerPipeline.Outcome o = DEFLATE.run(
                SeedCorpus.compressedFrames().seeds().get("compressed_binary_split_with_request"));
        assertEquals(1, o.messages().messages.size());
        assertArrayEquals(SeedCorpus.pattern(1000), o.messages().messages.get(0).payload());
    }

    @Test
    void failsWith1002ForRsv1OnAContinuationAnd1007ForCorruptData() {
        assertEquals(1002, closeCode(DEFLATE.run(SeedCorpus.compressedFrames().seeds().get("rsv1_on_continuation"))));
        assertEquals(1007, closeCode(DEFLATE.run(SeedCorpus.compressedFrames().seeds().get("corrupt_compressed_data"))));
    }

    @Test
    void theAllocationMeterSeesTheBytesAMessageCosts() {
        byte[] small = ReadPlan.encode(0, new int[0], ClientFrames.start().binary(new byte[10]).bytes());
        byte[] large = ReadPlan.encode(0, new int[0], ClientFrames.start().binary(new byte[200_000]).bytes());
        PLAIN.run(large); // warm
        long smallCost = PLAIN.run(small).allocated();
        long largeCost = PLAIN.run(large).allocated();
        assertTrue(AllocationMeter.supported());
        assertTrue(largeCost - smallCost >= 200_000, "200 KB more input, " + (largeCost - smallCost) + " bytes more");
    }

    private static int closeCode(ServerPipeline.Outcome o) {
        WireFrames.Frame last = o.frames().get(o.frames().size() - 1);
        assertEquals(WireFrames.CLOSE, last.opcode(), "the server's last frame should be a close");
        return ((last.payload()[0] & 0xFF) << 8) | (last.payload()[1] & 0xFF);
    }

    private static List<String> texts(List<EchoRecorder.Echo> messages) {
        return messages.stream().map(m -> new String(m.payload(), StandardCharsets.UTF_8)).toList();
    }
}
