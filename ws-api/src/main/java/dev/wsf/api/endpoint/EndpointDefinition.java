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

    /** A builder holding everything of this definition, to change a part of it. */
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
     * @throws dev.wsf.api.DeploymentException if the template is malformed
     */
    public static Builder builder(String path, EndpointFactory factory) {
        return new Builder(PathTemplate.parse(path), factory);
    }

    /**
     * Starts the definition of a client endpoint: how to handle the connections a client opens.
     * Its path is unused; its subprotocols are the ones offered, in order of preference.
     */
    public static Builder forClient(EndpointFactory factory) {
        return new Builder(PathTemplate.parse("/"), factory).displayName("client endpoint");
    }

    public PathTemplate path() {
        return path;
    }

    public EndpointFactory factory() {
        return factory;
    }

    /** The subprotocols the endpoint speaks, in its order of preference. */
    public List<String> subprotocols() {
        return subprotocols;
    }

    public SubprotocolSelector subprotocolSelector() {
        return subprotocolSelector;
    }

    public Dispatch dispatch() {
        return dispatch;
    }

    public Delivery textDelivery() {
        return textDelivery;
    }

    public Delivery binaryDelivery() {
        return binaryDelivery;
    }

    /** This endpoint's text message limit in bytes, if it overrides the server's. */
    public OptionalLong maxTextMessageSize() {
        return maxTextMessageSize < 0 ? OptionalLong.empty() : OptionalLong.of(maxTextMessageSize);
    }

    /** This endpoint's binary message limit in bytes, if it overrides the server's. */
    public OptionalLong maxBinaryMessageSize() {
        return maxBinaryMessageSize < 0 ? OptionalLong.empty() : OptionalLong.of(maxBinaryMessageSize);
    }

    public HandshakeInterceptor handshakeInterceptor() {
        return handshakeInterceptor;
    }

    /** Who may connect to this endpoint, if it decides rather than the server's authenticator. */
    public Optional<Authenticator> authenticator() {
        return Optional.ofNullable(authenticator);
    }

    /** Whether the extension with this name may be negotiated for this endpoint. */
    public boolean allowsExtension(String name) {
        return extensionFilter.test(name);
    }

    /** How errors and logs name this endpoint, e.g. its class name. */
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

        /** The subprotocols spoken, most preferred first. Default: none. */
        public Builder subprotocols(String... names) {
            this.subprotocols = List.of(names);
            return this;
        }

        public Builder subprotocols(List<String> names) {
            this.subprotocols = List.copyOf(names);
            return this;
        }

        /** Default: {@link SubprotocolSelector#firstOffered()}. */
        public Builder subprotocolSelector(SubprotocolSelector selector) {
            this.subprotocolSelector = Objects.requireNonNull(selector);
            return this;
        }

        /** Default: {@link Dispatch#WORKER}, so callbacks may block. */
        public Builder dispatch(Dispatch dispatch) {
            this.dispatch = Objects.requireNonNull(dispatch);
            return this;
        }

        /** Default: {@link Delivery#WHOLE}. */
        public Builder textDelivery(Delivery delivery) {
            this.textDelivery = Objects.requireNonNull(delivery);
            return this;
        }

        /** Default: {@link Delivery#WHOLE}. */
        public Builder binaryDelivery(Delivery delivery) {
            this.binaryDelivery = Objects.requireNonNull(delivery);
            return this;
        }

        /** Default: the server's limit. With partial delivery, limits the total of the pieces. */
        public Builder maxTextMessageSize(long bytes) {
            this.maxTextMessageSize = requirePositive(bytes);
            return this;
        }

        /** Default: the server's limit. */
        public Builder maxBinaryMessageSize(long bytes) {
            this.maxBinaryMessageSize = requirePositive(bytes);
            return this;
        }

        /** Default: accept every validated request. */
        public Builder handshakeInterceptor(HandshakeInterceptor interceptor) {
            this.handshakeInterceptor = Objects.requireNonNull(interceptor);
            return this;
        }

        /**
         * Authenticates this endpoint's clients, instead of the server's authenticator. Runs
         * after the handshake's own checks and before the interceptor. Default: the server's, if any.
         */
        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator);
            return this;
        }

        /** Which of the server's extensions this endpoint may negotiate, by name. Default: all. */
        public Builder extensions(Predicate<String> allowedNames) {
            this.extensionFilter = Objects.requireNonNull(allowedNames);
            return this;
        }

        /** How errors and logs name the endpoint. Default: the path template. */
        public Builder displayName(String name) {
            this.displayName = Objects.requireNonNull(name);
            return this;
        }

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
