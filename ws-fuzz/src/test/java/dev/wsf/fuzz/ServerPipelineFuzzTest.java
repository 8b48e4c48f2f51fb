package dev.wsf.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the server's frame parser, message assembly, control frame handling and close handshake
 * behind a real upgrade, without extensions. Input layout: {@link ReadPlan}, flags of
 * {@link ServerPipeline}. One fuzz test per class: Jazzer fuzzes one test per JVM, and the
 * {@code fuzz} profile forks one JVM per class.
 */
class ServerPipelineFuzzTest {
    private static final ServerPipeline PIPELINE = new ServerPipeline(false);

    @FuzzTest
    void plainFrames(byte[] input) {
        PIPELINE.run(input);
    }
}
