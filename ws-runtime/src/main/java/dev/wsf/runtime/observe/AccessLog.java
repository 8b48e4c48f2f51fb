package dev.wsf.runtime.observe;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

/**
 * One line per upgrade or refusal, at INFO, to the {@code System.Logger} named
 * {@value #LOGGER}, so it can be routed to a file or silenced apart from the rest:
 * <pre>
 * 2026-11-29T17:58:03.120Z 203.0.113.7:51000 "GET /chat/lobby" 101 subprotocol=chat.v1 extensions=permessage-deflate 3.2ms session=42
 * 2026-11-29T17:58:04.001Z 198.51.100.9:40122 "GET /nowhere" 404 - - 0.4ms -
 * </pre>
 */
public final class AccessLog {
    /** The logger's name. */
    public static final String LOGGER = "dev.wsf.access";
    private static final System.Logger LOG = System.getLogger(LOGGER);

    private final boolean on;

    /**
     * A log, on or off.
     *
     * @param on false to log nothing, whatever the logger's level
     */
    public AccessLog(boolean on) {
        this.on = on;
    }

    /**
     * @param sessionId the new session's id, or null for a refusal
     * @param remote the client's address
     * @param method the request's method
     * @param path the request target, as sent
     * @param status the status answered: 101 for an upgrade
     * @param subprotocol the subprotocol agreed, or null
     * @param extensions the extensions agreed, empty if none
     * @param durationNanos how long the handshake took, in nanoseconds
     */
    public void log(InetSocketAddress remote, String method, String path, int status, String subprotocol,
                    List<String> extensions, long durationNanos, String sessionId) {
        if (!on || !LOG.isLoggable(System.Logger.Level.INFO)) {
            return;
        }
        String line = Instant.now() + " " + remote.getHostString() + ":" + remote.getPort() + " \"" + method + " "
                + path + "\" " + status + " "
                + (subprotocol == null ? "-" : "subprotocol=" + subprotocol) + " "
                + (extensions.isEmpty() ? "-" : "extensions=" + String.join(",", extensions)) + " "
                + String.format("%.1fms", durationNanos / 1e6) + " "
                + (sessionId == null ? "-" : "session=" + sessionId);
        LOG.log(System.Logger.Level.INFO, line);
    }
}
