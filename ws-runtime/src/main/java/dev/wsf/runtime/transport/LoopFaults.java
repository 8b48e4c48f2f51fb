package dev.wsf.runtime.transport;

/**
 * Reports what goes wrong on an I/O loop without letting the report itself fail: when the heap
 * is exhausted, building a log message can throw again, and that must not end the loop.
 */
final class LoopFaults {
    private static final System.Logger LOG = System.getLogger(LoopFaults.class.getName());

    private LoopFaults() {
    }

    /** A connection's own code (the protocol, the application's callbacks) threw: a server fault. */
    static void connectionFailed(Object connection, Throwable t) {
        try {
            if (t instanceof OutOfMemoryError) {
                LOG.log(System.Logger.Level.WARNING, "out of memory while serving a connection; closing it", t);
            } else {
                LOG.log(System.Logger.Level.WARNING, "closing " + connection + " after an unexpected failure", t);
            }
        } catch (Throwable ignored) {
            // Out of memory again, most likely: closing the connection matters more than the log line.
        }
    }

    /** The loop itself caught something outside any connection. */
    static void loopFailed(String loop, Throwable t) {
        try {
            LOG.log(System.Logger.Level.ERROR, "I/O loop " + loop + " caught an unexpected error", t);
        } catch (Throwable ignored) {
            // as above
        }
    }

    static void debug(String message, Throwable t) {
        try {
            LOG.log(System.Logger.Level.DEBUG, message, t);
        } catch (Throwable ignored) {
            // as above
        }
    }
}
