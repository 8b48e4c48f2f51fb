package dev.wsf.test;

import dev.wsf.annotated.AnnotatedEndpoints;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.runtime.WebSocketServer;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@link WebSocketServer} for tests: started on a free port of 127.0.0.1 with the endpoints
 * given, and stopped by {@link #close()} (try-with-resources, or an after-each method).
 *
 * <pre>{@code
 * try (TestServer server = TestServer.start(EchoEndpoint.class);
 *      TestClient client = server.connect("/echo")) {
 *     client.sendText("hi").assertNextText("echo: hi");
 * }
 * }</pre>
 *
 * Everything else is {@link ServerConfig}'s default unless {@link Builder#config} changes it.
 *
 * @since 0.1
 */
public final class TestServer implements AutoCloseable {
    private final WebSocketServer server;
    private final boolean tls;

    private TestServer(WebSocketServer server, boolean tls) {
        this.server = server;
        this.tls = tls;
    }

    /**
     * Starts a server with annotated endpoint classes ({@code @Endpoint}), defined with
     * {@link AnnotatedEndpoints#define(Class...)}.
     *
     * @param endpointClasses the endpoint classes
     * @return the started server
     * @throws dev.wsf.api.DeploymentException listing every problem of the classes
     */
    public static TestServer start(Class<?>... endpointClasses) {
        return builder().endpoints(endpointClasses).start();
    }

    /**
     * A builder, for endpoint definitions made otherwise (an {@code EndpointHandler}, a configured
     * {@link AnnotatedEndpoints#builder()}) or a server configuration of the test's own.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The URI of {@code path} on this server, e.g. {@code ws://127.0.0.1:40123/echo}.
     *
     * @param path the path, with or without its leading slash, optionally with a query
     * @return the URI, {@code wss://} if the server's first listener uses TLS
     */
    public URI uri(String path) {
        InetAddress address = server.localAddress().getAddress();
        String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return URI.create((tls ? "wss://" : "ws://") + host + ":" + port() + (path.startsWith("/") ? "" : "/") + path);
    }

    /**
     * Connects a {@link TestClient} to {@code path} with the client's defaults; for subprotocols,
     * headers or another timeout use {@link TestClient#builder(URI)} with {@link #uri(String)}.
     *
     * @param path the path, as for {@link #uri(String)}
     * @return the connected client, which the test closes
     * @throws AssertionError if the connection or its handshake fails
     */
    public TestClient connect(String path) {
        return TestClient.connect(uri(path));
    }

    /**
     * The port the server listens on.
     *
     * @return the port picked when the server started
     */
    public int port() {
        return server.port();
    }

    /**
     * The server itself: its topics, statistics and connection count.
     *
     * @return the running server
     */
    public WebSocketServer server() {
        return server;
    }

    /**
     * Stops the server: its sessions are closed with 1001, within the configured close timeout.
     */
    @Override
    public void close() {
        server.stop();
    }

    @Override
    public String toString() {
        return "TestServer[" + uri("/") + "]";
    }

    /**
     * What a {@link TestServer} serves, and how.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final List<Class<?>> classes = new ArrayList<>();
        private final List<EndpointDefinition> definitions = new ArrayList<>();
        private Consumer<ServerConfig.Builder> config = b -> {
        };

        private Builder() {
        }

        /**
         * Adds annotated endpoint classes ({@code @Endpoint}).
         *
         * @param endpointClasses the classes
         * @return this builder
         */
        public Builder endpoints(Class<?>... endpointClasses) {
            classes.addAll(List.of(endpointClasses));
            return this;
        }

        /**
         * Adds an endpoint definition, e.g. {@code EndpointDefinition.builder("/echo", s -> handler).build()}.
         *
         * @param endpoint the definition
         * @return this builder
         */
        public Builder endpoint(EndpointDefinition endpoint) {
            definitions.add(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        /**
         * Changes the server's configuration. {@code customizer} gets a builder already set to
         * host 127.0.0.1 and port 0 (a free port), and may set anything, those included: limits,
         * timeouts, an authenticator, TLS.
         *
         * @param customizer what to set, e.g. {@code c -> c.maxTextMessageSize(1024)}
         * @return this builder
         */
        public Builder config(Consumer<ServerConfig.Builder> customizer) {
            this.config = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * Defines the endpoint classes and starts the server.
         *
         * @return the started server
         * @throws dev.wsf.api.DeploymentException listing every problem of the endpoint classes
         * @throws IllegalStateException if there is no endpoint at all
         */
        public TestServer start() {
            List<EndpointDefinition> endpoints = new ArrayList<>(definitions);
            if (!classes.isEmpty()) {
                endpoints.addAll(AnnotatedEndpoints.define(classes.toArray(Class<?>[]::new)));
            }
            if (endpoints.isEmpty()) {
                throw new IllegalStateException("no endpoint to serve: give endpoint classes or definitions");
            }
            ServerConfig.Builder settings = ServerConfig.builder().host("127.0.0.1").port(0);
            config.accept(settings);
            ServerConfig serverConfig = settings.build();
            WebSocketServer server = WebSocketServer.builder().config(serverConfig).endpoints(endpoints).build().start();
            return new TestServer(server, serverConfig.listeners().get(0).isTls());
        }
    }
}
