package dev.wsf.runtime.io;

/**
 * Why a transport stops reading from its peer. Reading resumes once every reason is gone, so the
 * layers that pause never undo each other's pauses.
 */
public enum ReadPause {
    /** A worker has too much of this session's input still to process. */
    INPUT_BACKLOG,
    /** The peer does not take what was queued for it fast enough. */
    OUTPUT_BACKLOG,
    /** A TLS handshake step runs off the I/O thread; input waits until it is done. */
    TLS_TASK,
    /** The authenticator has not answered yet; what the client sends next waits. */
    AUTHENTICATING;

    /**
     * This reason as a bit in a set of reasons. A connection keeps its set in a byte: eight
     * reasons at most.
     *
     * @return {@code 1 << ordinal()}
     */
    public int bit() {
        return 1 << ordinal();
    }
}
