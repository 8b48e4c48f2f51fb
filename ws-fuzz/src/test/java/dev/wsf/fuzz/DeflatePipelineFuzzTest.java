package dev.wsf.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Like {@link ServerPipelineFuzzTest}, with permessage-deflate negotiated: compressed and plain
 * messages through the extension chain, inflated with the message limit, echoed compressed.
 */
class DeflatePipelineFuzzTest {
    private static final ServerPipeline PIPELINE = new ServerPipeline(true);

    @FuzzTest
    void compressedFrames(byte[] input) {
        PIPELINE.run(input);
    }
}
