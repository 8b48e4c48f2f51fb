package dev.wsf.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A frame header alone must not cost memory in proportion to the length it announces: the
 * runtime should allocate for the bytes that arrive. Both inputs announce a 4 MiB - 100 binary
 * frame, send a few bytes of it in reads of 16 bytes, and end the stream. Before the fix (the
 * message and frame aggregates were sized from the announced length) these allocated 4,205,784
 * and 4,207,472 bytes against budgets of 528,624 and 528,048. The same property is checked on
 * every fuzz input.
 */
class AnnouncedLengthAllocationTest {

    @Test
    void plainFrameAnnouncingFourMebibytes() {
        assertWithinBudget(new ServerPipeline(false),
                SeedCorpus.plainFrames().seeds().get("announced_4mib_sent_100_then_eof"));
    }

    @Test
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
