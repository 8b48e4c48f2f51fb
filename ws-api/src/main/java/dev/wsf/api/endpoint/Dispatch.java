package dev.wsf.api.endpoint;

/**
 * Which threads run an endpoint's callbacks.
 *
 * @since 0.1
 */
public enum Dispatch {
    /**
     * On the I/O thread that read the data: no hand-off, the fastest option, and the right one for
     * callbacks that never block. A callback that blocks stalls every connection of that thread.
     */
    IO_THREAD,
    /**
     * On a worker pool, one callback at a time per session. Callbacks may block (a database call,
     * a blocking send); while one runs, the session reads no further input, so a slow handler
     * slows down only its own peer.
     */
    WORKER
}
