package dev.wsf.api.endpoint;

import dev.wsf.api.auth.Authenticator;
import java.util.Optional;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Everything the runtime needs to serve one endpoint: where it lives, what it speaks, how to make
 * its handler, and how to call it. Immutable; build one with {@link #builder(String, EndpointFactory)}.
 *
 * @since 0.1
 */
public final class EndpointDefinition {
    private final PathTemplate path;
    private final EndpointFactory factory;
    private final List<String> subprotocols;
    private final SubprotocolSelector subprotocolSelector;
    private final Dispatch dispatch;
    private final Delivery textDelivery;
    private final Delivery binaryDelivery;
    private final long maxTextMessageSize;
    private final long maxBinaryMessageSize;
    private final HandshakeInterceptor handshakeInterceptor;
    private final Predicate<String> extensionFilter;
    private final String displayName;
    private final Authenticator authenticator;

    private EndpointDefinition(Builder b) {
        this.path = b.path;
        this.factory = b.factory;
        this.subprotocols = List.copyOf(b.subprotocols);
        this.subprotocolSelector = b.subprotocolSelector;
        this.dispatch = b.dispatch;
        this.textDelivery = b.textDelivery;
        this.binaryDelivery = b.binaryDelivery;
        this.maxTextMessageSize = b.maxTextMessageSize;
        this.maxBinaryMessageSize = b.maxBinaryMessageSize;
        this.handshakeInterceptor = b.handshakeInterceptor;
        this.extensionFilter = b.extensionFilter;
        this.displayName = b.displayName == null ? path.template() : b.displayName;
        this.authenticator = b.authenticator;
    }

    /**
     * A builder holding everything of this definition, to change a part of it.
     *
     * @return a new builder with this definition's path, factory and settings, which this
     *         definition does not see changes to
     */
    public Builder toBuilder() {
        Builder b = new Builder(path, factory);
        b.subprotocols = subprotocols;
        b.subprotocolSelector = subprotocolSelector;
        b.dispatch = dispatch;
        b.textDelivery = textDelivery;
        b.binaryDelivery = binaryDelivery;
        b.maxTextMessageSize = maxTextMessageSize;
        b.maxBinaryMessageSize = maxBinaryMessageSize;
        b.handshakeInterceptor = handshakeInterceptor;
        b.extensionFilter = extensionFilter;
        b.displayName = displayName;
        b.authenticator = authenticator;
        return b;
    }

    /**
     * Starts a definition.
     *
     * @param path    a path template such as {@code /chat/{room}}
     * @param factory supplies each session's handler
     * @return a builder with every other setting at its default
     * @throws dev.wsf.api.DeploymentException if the template is malformed
     */
    public static Builder builder(String path, EndpointFactory factory) {
        return new Builder(PathTemplate.parse(path), factory);
    }

    /**
     * Starts the definition of a client endpoint: how to handle the connections a client opens.
     * Its path is unused; its subprotocols are the ones offered, in order of preference.
     *
     * @param factory supplies the handler of each connection the client opens
     * @return a builder whose display name is {@code "client endpoint"}
     * @throws NullPointerException if {@code factory} is null
     */
    public static Builder forClient(EndpointFactory factory) {
        return new Builder(PathTemplate.parse("/"), factory).displayName("client endpoint");
    }

    /**
     * Where the endpoint is served; {@code /} for a {@linkplain #forClient client} endpoint.
     *
     * @return the parsed path template
     */
    public PathTemplate path() {
        return path;
    }

    /**
     * Supplies each session's handler.
     *
     * @return the factory given to the builder
     */
    public EndpointFactory factory() {
        return factory;
    }

    /**
     * The subprotocols the endpoint speaks, in its order of preference.
     *
     * @return the subprotocol names, unmodifiable; empty if none
     */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /**
     * How a server picks the session's subprotocol among the client's offers; unused by clients.
     *
     * @return the selector; {@link SubprotocolSelector#firstOffered()} unless set
     */
    public SubprotocolSelector subprotocolSelector() {
        return subprotocolSelector;
    }

    /**
     * Which threads run the handler's callbacks.
     *
     * @return the dispatch; {@link Dispatch#WORKER} unless set
     */
    public Dispatch dispatch() {
        return dispatch;
    }

    /**
     * Whether text messages reach {@link EndpointHandler#onText} whole or
     * {@link EndpointHandler#onTextPart} in pieces.
     *
     * @return the text delivery; {@link Delivery#WHOLE} unless set
     */
    public Delivery textDelivery() {
        return textDelivery;
    }

    /**
     * Whether binary messages reach {@link EndpointHandler#onBinary} whole or
     * {@link EndpointHandler#onBinaryPart} in pieces.
     *
     * @return the binary delivery; {@link Delivery#WHOLE} unless set
     */
    public Delivery binaryDelivery() {
        return binaryDelivery;
    }

    /**
     * This endpoint's text message limit in bytes, if it overrides the server's.
     *
     * @return the limit in UTF-8 bytes, always positive; empty to use the server's or client's
     */
    public OptionalLong maxTextMessageSize() {
        return maxTextMessageSize < 0 ? OptionalLong.empty() : OptionalLong.of(maxTextMessageSize);
    }

    /**
     * This endpoint's binary message limit in bytes, if it overrides the server's.
     *
     * @return the limit in bytes, always positive; empty to use the server's or client's
     */
    public OptionalLong maxBinaryMessageSize() {
        return maxBinaryMessageSize < 0 ? OptionalLong.empty() : OptionalLong.of(maxBinaryMessageSize);
    }

    /**
     * What a server runs on each accepted upgrade request of this endpoint before answering 101;
     * unused by clients.
     *
     * @return the interceptor; one that accepts every request unless set
     */
    public HandshakeInterceptor handshakeInterceptor() {
        return handshakeInterceptor;
    }

    /**
     * Who may connect to this endpoint, if it decides rather than the server's authenticator.
     *
     * @return this endpoint's authenticator; empty if the server's (if any) applies
     */
    public Optional<Authenticator> authenticator() {
        return Optional.ofNullable(authenticator);
    }

    /**
     * Whether the extension with this name may be negotiated for this endpoint.
     * A server negotiates, and a client offers, only allowed extensions.
     *
     * @param name the extension's registered name, such as {@code permessage-deflate}
     * @return true if the filter given to {@link Builder#extensions} accepts it; true for every
     *         name unless set
     */
    public boolean allowsExtension(String name) {
        return extensionFilter.test(name);
    }

    /**
     * How errors and logs name this endpoint, e.g. its class name.
     *
     * @return the display name; the path template unless set
     */
    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName.equals(path.template()) ? displayName : displayName + " at " + path;
    }

    /** Builds an {@link EndpointDefinition}; defaults are noted on each method. */
    public static final class Builder {
        private final PathTemplate path;
        private final EndpointFactory factory;
        private List<String> subprotocols = List.of();
        private SubprotocolSelector subprotocolSelector = SubprotocolSelector.firstOffered();
        private Dispatch dispatch = Dispatch.WORKER;
        private Delivery textDelivery = Delivery.WHOLE;
        private Delivery binaryDelivery = Delivery.WHOLE;
        private long maxTextMessageSize = -1;
        private long maxBinaryMessageSize = -1;
        private HandshakeInterceptor handshakeInterceptor = (request, headers) -> { };
        private Predicate<String> extensionFilter = name -> true;
        private String displayName;
        private Authenticator authenticator;

        private Builder(PathTemplate path, EndpointFactory factory) {
            this.path = path;
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /**
         * The subprotocols spoken, most preferred first. Default: none.
         *
         * @param names subprotocol names; on a server, those it can select, and on a client, those
         *              it offers in this order
         * @return this builder
         * @throws NullPointerException if {@code names} or one of them is null
         */
        public Builder subprotocols(String... names) {
            this.subprotocols = List.of(names);
            return this;
        }

        /**
         * The subprotocols spoken, most preferred first, as a list; copied. Default: none.
         *
         * @param names subprotocol names
         * @return this builder
         * @throws NullPointerException if {@code names} or one of them is null
         */
        public Builder subprotocols(List<String> names) {
            this.subprotocols = List.copyOf(names);
            return this;
        }

        /**
         * How a server chooses among the client's offers; ignored by clients.
         * Default: {@link SubprotocolSelector#firstOffered()}.
         *
         * @param selector the selector, called on the I/O thread during each handshake
         * @return this builder
         * @throws NullPointerException if {@code selector} is null
         */
        public Builder subprotocolSelector(SubprotocolSelector selector) {
            this.subprotocolSelector = Objects.requireNonNull(selector);
            return this;
        }

        /**
         * Default: {@link Dispatch#WORKER}, so callbacks may block.
         *
         * @param dispatch which threads run the callbacks
         * @return this builder
         * @throws NullPointerException if {@code dispatch} is null
         */
        public Builder dispatch(Dispatch dispatch) {
            this.dispatch = Objects.requireNonNull(dispatch);
            return this;
        }

        /**
         * Default: {@link Delivery#WHOLE}.
         *
         * @param delivery whether text messages arrive whole or in pieces
         * @return this builder
         * @throws NullPointerException if {@code delivery} is null
         */
        public Builder textDelivery(Delivery delivery) {
            this.textDelivery = Objects.requireNonNull(delivery);
            return this;
        }

        /**
         * Default: {@link Delivery#WHOLE}.
         *
         * @param delivery whether binary messages arrive whole or in pieces
         * @return this builder
         * @throws NullPointerException if {@code delivery} is null
         */
        public Builder binaryDelivery(Delivery delivery) {
            this.binaryDelivery = Objects.requireNonNull(delivery);
            return this;
        }

        /**
         * Default: the server's limit. With partial delivery, limits the total of the pieces.
         *
         * @param bytes the largest text message accepted, in UTF-8 bytes; a larger one closes the
         *              session with 1009
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is zero or less
         */
        public Builder maxTextMessageSize(long bytes) {
            this.maxTextMessageSize = requirePositive(bytes);
            return this;
        }

        /**
         * Default: the server's limit.
         *
         * @param bytes the largest binary message accepted, in bytes; a larger one closes the
         *              session with 1009. With partial delivery, limits the total of the pieces
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is zero or less
         */
        public Builder maxBinaryMessageSize(long bytes) {
            this.maxBinaryMessageSize = requirePositive(bytes);
            return this;
        }

        /**
         * What a server runs on each upgrade request before answering 101; ignored by clients.
         * Default: accept every validated request.
         *
         * @param interceptor runs on the I/O thread for each upgrade request, after the subprotocol
         *                    is chosen and before the 101 answer
         * @return this builder
         * @throws NullPointerException if {@code interceptor} is null
         */
        public Builder handshakeInterceptor(HandshakeInterceptor interceptor) {
            this.handshakeInterceptor = Objects.requireNonNull(interceptor);
            return this;
        }

        /**
         * Authenticates this endpoint's clients, instead of the server's authenticator. Runs
         * after the handshake's own checks and before the interceptor. Default: the server's, if any.
         *
         * @param authenticator asked at each opening handshake of this endpoint
         * @return this builder
         * @throws NullPointerException if {@code authenticator} is null
         */
        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator);
            return this;
        }

        /**
         * Which of the server's extensions this endpoint may negotiate, by name. Default: all.
         *
         * @param allowedNames tested with each extension name; true allows it. Called during
         *                     handshakes, so it must be thread-safe
         * @return this builder
         * @throws NullPointerException if {@code allowedNames} is null
         */
        public Builder extensions(Predicate<String> allowedNames) {
            this.extensionFilter = Objects.requireNonNull(allowedNames);
            return this;
        }

        /**
         * How errors and logs name the endpoint. Default: the path template.
         *
         * @param name the name, e.g. the handler's class name
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         */
        public Builder displayName(String name) {
            this.displayName = Objects.requireNonNull(name);
            return this;
        }

        /**
         * Builds the definition. The builder may be used again afterwards; definitions built before
         * are not affected.
         *
         * @return an immutable definition
         */
        public EndpointDefinition build() {
            return new EndpointDefinition(this);
        }

        private static long requirePositive(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("a message size limit must be positive: " + bytes);
            }
            return bytes;
        }
    }
}
