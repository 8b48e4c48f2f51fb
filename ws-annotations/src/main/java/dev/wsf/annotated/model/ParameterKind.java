package dev.wsf.annotated.model;

/** What a callback parameter receives. */
public enum ParameterKind {
    /** The {@link dev.wsf.api.Session}. */
    SESSION,
    /** The session's {@link dev.wsf.api.Topics}, publishing objects as the endpoint's replies are encoded. */
    TOPICS,
    /** The {@link dev.wsf.api.HandshakeRequest} that opened the session. */
    HANDSHAKE_REQUEST,
    /** The session's {@link java.security.Principal}, or null if no authenticator established one. */
    PRINCIPAL,
    /** A {@link dev.wsf.api.annotation.PathParam} value, converted once per session. */
    PATH_PARAM,
    /** A {@link dev.wsf.api.annotation.QueryParam} value, converted once per session. */
    QUERY_PARAM,
    /** The message of an {@code @OnMessage} callback, in one of the {@link MessageKind} forms. */
    MESSAGE,
    /** The {@code boolean last} flag of a partial message. */
    LAST_FLAG,
    /** The {@link dev.wsf.api.CloseReason} of an {@code @OnClose} callback. */
    CLOSE_REASON,
    /** The {@link Throwable} of an {@code @OnError} callback. */
    ERROR;

    /**
     * Whether the value is fixed for the whole session (computed once when it opens).
     *
     * @return true for the handshake request, the principal and the path and query parameters
     */
    public boolean perConnection() {
        return this == HANDSHAKE_REQUEST || this == PRINCIPAL || this == PATH_PARAM || this == QUERY_PARAM;
    }
}
