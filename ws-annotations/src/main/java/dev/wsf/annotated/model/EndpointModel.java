package dev.wsf.annotated.model;

import dev.wsf.api.Role;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.PathTemplate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated endpoint class: where it is served (or that it is a client), how, and its
 * callbacks. Built by {@link EndpointModelReader} only when the class has no problem.
 *
 * @param type                 the endpoint class
 * @param role                 {@code SERVER} for an {@code @Endpoint}, {@code CLIENT} for a
 *                             {@code @ClientEndpoint}
 * @param path                 the parsed {@code @Endpoint(path)}; null for a client
 * @param subprotocols         the subprotocols spoken (server) or offered (client), most
 *                             preferred first
 * @param dispatch             which threads run the callbacks
 * @param maxTextMessageSize   the text limit, or -1 for the server's or client's
 * @param maxBinaryMessageSize the binary limit, or -1 for the server's or client's
 * @param singleton            whether one instance serves every session
 * @param callbacks            the lifecycle callbacks ({@code OPEN}, {@code CLOSE}, {@code ERROR})
 * @param messageCallbacks     the {@code @OnMessage} methods by the type of message they take
 * @param encoders             the encoder classes listed on the endpoint
 * @param decoders             the decoder classes listed on the endpoint
 * @param authenticator        the server endpoint's own {@code Authenticator} class, or null for
 *                             none (the server's applies)
 */
public record EndpointModel(Class<?> type, Role role, PathTemplate path, List<String> subprotocols, Dispatch dispatch,
                            long maxTextMessageSize, long maxBinaryMessageSize, boolean singleton,
                            Map<CallbackKind, CallbackModel> callbacks,
                            Map<MessageType, CallbackModel> messageCallbacks,
                            List<CodecModel> encoders, List<CodecModel> decoders, Class<?> authenticator) {

    /**
     * Copies the lists and maps, so that the model is immutable.
     *
     * @param type the endpoint class
     * @param role server or client
     * @param path the path, null for a client
     * @param subprotocols the subprotocols, copied
     * @param dispatch which threads run the callbacks
     * @param maxTextMessageSize the text limit, or -1
     * @param maxBinaryMessageSize the binary limit, or -1
     * @param singleton whether one instance serves every session
     * @param callbacks the lifecycle callbacks, copied
     * @param messageCallbacks the {@code @OnMessage} methods, copied
     * @param encoders the encoder classes, copied
     * @param decoders the decoder classes, copied
     * @param authenticator the endpoint's own authenticator class, or null
     */
    public EndpointModel {
        subprotocols = List.copyOf(subprotocols);
        callbacks = Collections.unmodifiableMap(callbacks.isEmpty()
                ? new EnumMap<>(CallbackKind.class) : new EnumMap<>(callbacks));
        messageCallbacks = Collections.unmodifiableMap(messageCallbacks.isEmpty()
                ? new EnumMap<>(MessageType.class) : new EnumMap<>(messageCallbacks));
        encoders = List.copyOf(encoders);
        decoders = List.copyOf(decoders);
    }

    /**
     * The lifecycle callback of this kind.
     *
     * @param kind {@code OPEN}, {@code CLOSE} or {@code ERROR}; {@code MESSAGE} callbacks are in
     *             {@link #messageCallback}
     * @return the method, or empty if the class declares none
     */
    public Optional<CallbackModel> callback(CallbackKind kind) {
        return Optional.ofNullable(callbacks.get(kind));
    }

    /**
     * The {@code @OnMessage} method for this type of message.
     *
     * @param type the type of message
     * @return the method, or empty if the class takes no message of that type
     */
    public Optional<CallbackModel> messageCallback(MessageType type) {
        return Optional.ofNullable(messageCallbacks.get(type));
    }

    /**
     * Every callback, lifecycle ones first.
     *
     * @return a new mutable list, lifecycle callbacks in {@link CallbackKind} order, then message ones in
     *         {@link MessageType} order
     */
    public List<CallbackModel> allCallbacks() {
        List<CallbackModel> all = new java.util.ArrayList<>(callbacks.values());
        all.addAll(messageCallbacks.values());
        return all;
    }
}
