package dev.wsf.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * A frame header alone must not cost memory in proportion to the length it announces: the
 * runtime should allocate for the bytes that arrive. Both inputs announce a 4 MiB - 100 binary
 * frame, send a few bytes of it in reads of 16 bytes, and end the stream. The same property is
 * checked on every fuzz input once {@link AllocationBudget#ENFORCED} is on.
 */
class AnnouncedLengthAllocationTest {

    @Test
    @Disabled("Known ws-runtime bug, being fixed: MessageAssembler.append sizes its aggregate from the announced "
            + "message length (capacityFor(messageLength)) as soon as a frame is split across reads, so 100 bytes "
            + "sent under a 4 MiB header allocate 4.2 MB (measured: 4,205,784 bytes against a budget of 528,624). "
            + "Enable with the fix, and turn AllocationBudget.ENFORCED on by default.")
    void plainFrameAnnouncingFourMebibytes() {
        assertWithinBudget(new ServerPipeline(false),
                SeedCorpus.plainFrames().seeds().get("announced_4mib_sent_100_then_eof"));
    }

    @Test
    @Disabled("Known ws-runtime bug, being fixed: with an extension negotiated, FrameCollector.onDataPayload does "
            + "ByteBuffer.allocate((int) length) with the announced frame length as soon as a frame is split across "
            + "reads, so a 4 MiB header followed by a few dozen bytes allocates 4.2 MB (measured: 4,207,472 bytes against a budget of "
            + "528,048). Enable with the fix, and turn "
            + "AllocationBudget.ENFORCED on by default.")
    void compressedFrameAnnouncingFourMebibytes() {
        assertWithinBudget(new ServerPipeline(true),
                SeedCorpus.compressedFrames().seeds().get("announced_4mib_compressed_then_eof"));
    }

    private static void assertWithinBudget(ServerPipeline pipeline, byte[] input) {
        pipeline.run(input); // the first run also loads classes; measure a warm one
        ServerPipeline.Outcome o = pipeline.run(input);
        assertTrue(o.allocated() <= o.budget(), "allocated " + o.allocated() + " bytes, budget " + o.budget());
    }
}
