package dev.wsf.runtime.conformance;

import dev.wsf.api.endpoint.Dispatch;

/**
 * The fast categories again, against an echo endpoint whose callbacks run on the I/O thread:
 * there the close handshake, the pongs and the replies are all driven from the selector loop
 * itself, which is where a loop that waited for its next tick once failed 30 of the UTF-8 cases.
 * Its verdicts are not added to the report, which describes the default dispatch.
 */
class AutobahnConformanceIoThreadTest extends AutobahnConformanceTest {
    @Override
    Dispatch dispatch() {
        return Dispatch.IO_THREAD;
    }

    @Override
    boolean reports() {
        return false;
    }
}
