/**
 * The wsf engine: {@link dev.wsf.runtime.WebSocketServer} and {@link dev.wsf.runtime.WebSocketClient}
 * on non-blocking I/O, with permessage-deflate (RFC 7692). Exported: {@code dev.wsf.runtime} and
 * {@code dev.wsf.runtime.extension.deflate} (permessage-deflate's factory and settings, to tune it);
 * the engine's other packages (frames, handshake, sessions, transport, TLS) are internal.
 *
 * <p>Extensions are found with {@link java.util.ServiceLoader}: a module that
 * {@code provides dev.wsf.api.extension.ExtensionFactory} (or a jar on the class path with a
 * {@code META-INF/services} entry) adds one; permessage-deflate is registered both ways.
 *
 * @since 0.1
 */
module dev.wsf.runtime {
    requires transitive dev.wsf.api;
    requires jdk.jfr;

    exports dev.wsf.runtime;
    exports dev.wsf.runtime.extension.deflate;

    uses dev.wsf.api.extension.ExtensionFactory;

    provides dev.wsf.api.extension.ExtensionFactory
            with dev.wsf.runtime.extension.deflate.PerMessageDeflateFactory;
}
