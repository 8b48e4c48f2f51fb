package dev.wsf.annotated;

import dev.wsf.annotated.bind.Codecs;
import dev.wsf.annotated.bind.EncodingTopics;
import dev.wsf.annotated.bind.EndpointBinder;
import dev.wsf.annotated.codec.JsonCodec;
import dev.wsf.annotated.instance.Scopes;
import dev.wsf.annotated.model.EndpointModel;
import dev.wsf.annotated.model.EndpointModelReader;
import dev.wsf.annotated.model.Problems;
import dev.wsf.annotated.scan.EndpointScanner;
import dev.wsf.annotated.spi.InstanceProvider;
import dev.wsf.api.DeploymentException;
import dev.wsf.api.Role;
import dev.wsf.api.Topics;
import dev.wsf.api.annotation.ClientEndpoint;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.endpoint.EndpointDefinition;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns classes annotated with {@link Endpoint} into the {@link EndpointDefinition}s a server
 * serves, and classes annotated with {@link ClientEndpoint}, or instances of them, into the
 * definitions a client connects with.
 *
 * <pre>{@code
 * List<EndpointDefinition> endpoints = AnnotatedEndpoints.scan("com.example.chat");
 * // or, without scanning:
 * List<EndpointDefinition> endpoints = AnnotatedEndpoints.define(ChatEndpoint.class, EchoEndpoint.class);
 * // or, configured:
 * List<EndpointDefinition> endpoints = AnnotatedEndpoints.builder()
 *         .instanceProvider(myContainer)
 *         .scan("com.example.chat")
 *         .add(AdminEndpoint.class)
 *         .build();
 *
 * // a client endpoint: a new ChatClient per connection, or the one given
 * EndpointDefinition chat = AnnotatedEndpoints.client(ChatClient.class);
 * EndpointDefinition chat = AnnotatedEndpoints.client(new ChatClient("ann"));
 * Session session = webSocketClient.connect(uri, chat, ConnectOptions.defaults()).join();
 * }</pre>
 *
 * Every class is validated in full before anything is returned: one
 * {@link DeploymentException} lists every problem of every class, each naming the class, the
 * method, the annotation and the fix. Two endpoints whose paths match the same requests are a
 * problem too. Server and client endpoints follow the same rules (those of
 * {@link dev.wsf.api.annotation.OnMessage} and the other callback annotations), except that a
 * client endpoint has no path, so it takes no {@code @PathParam} or {@code @QueryParam}.
 *
 * @since 0.1
 */
public final class AnnotatedEndpoints {
    private static final System.Logger LOG = System.getLogger(AnnotatedEndpoints.class.getName());

    private AnnotatedEndpoints() {
    }

    /**
     * The endpoints found by scanning {@code packages} and their sub-packages, with the default
     * settings (see {@link Builder}). On the module path, the packages may belong to a named module
     * of the application: it is found as on the class path, and its endpoint packages must be open
     * to {@code dev.wsf.annotated} as for {@link #define} (see the module's description).
     *
     * @param packages package names such as {@code com.example.chat}; each includes its sub-packages
     * @return the server endpoints found, as immutable definitions, empty if none
     * @throws DeploymentException listing every problem found
     */
    public static List<EndpointDefinition> scan(String... packages) {
        return builder().scan(packages).build();
    }

    /**
     * The endpoints of the given classes, without scanning, with the default settings.
     *
     * @param classes classes annotated with {@code @Endpoint}
     * @return their definitions, in the order given, as an immutable list
     * @throws DeploymentException listing every problem found
     */
    public static List<EndpointDefinition> define(Class<?>... classes) {
        return builder().add(classes).build();
    }

    /**
     * The definition of a client endpoint whose every connection gets a new instance of
     * {@code type} (or, for a {@code @Singleton} class, one shared by every connection made with
     * this definition), with the default settings.
     *
     * @param type a class annotated with {@code @ClientEndpoint}
     * @return the definition to connect with; each connection made with it creates its instance
     * @throws DeploymentException listing every problem of the class
     */
    public static EndpointDefinition client(Class<?> type) {
        return builder().client(type);
    }

    /**
     * The definition of a client endpoint whose connections are all handled by {@code endpoint},
     * an instance of a {@code @ClientEndpoint} class, with the default settings. This is what
     * Jakarta's {@code connectToServer(Object, URI)} does: connect once per definition for one
     * instance per connection; an instance that handles several at once must be thread-safe.
     * Nothing is injected into it.
     *
     * @param endpoint the instance that handles every connection made with the definition
     * @return the definition to connect with
     * @throws DeploymentException listing every problem of its class
     */
    public static EndpointDefinition client(Object endpoint) {
        return builder().client(endpoint);
    }

    /**
     * {@code topics} (say, {@code server.topics()}) with objects published as JSON, as annotated
     * endpoints send their replies: for code outside callbacks, such as a timer pushing updates.
     * Inside a callback, declare a {@link Topics} parameter instead.
     *
     * @param topics the topics to wrap; publishing goes through to them
     * @return a view of {@code topics} whose {@code publish(String, Object)} writes objects with
     *         {@link JsonCodec#defaults()}
     */
    public static Topics topics(Topics topics) {
        return EncodingTopics.of(topics, Codecs.builder(JsonCodec.defaults()).build());
    }

    /**
     * Like {@link #topics(Topics)}, with a JSON codec of your own.
     *
     * @param topics the topics to wrap; publishing goes through to them
     * @param json the codec that writes published objects
     * @return a view of {@code topics} that writes objects with {@code json}
     */
    public static Topics topics(Topics topics, JsonCodec json) {
        return EncodingTopics.of(topics, Codecs.builder(json).build());
    }

    /**
     * Starts a configured build: the classes, the packages to scan, and the settings.
     *
     * @return a new builder, with no classes or packages and every setting at its default
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Chooses the classes and the settings; {@link #build()} validates and binds them. */
    public static final class Builder {
        private final List<String> packages = new ArrayList<>();
        private final Set<Class<?>> classes = new LinkedHashSet<>();
        private InstanceProvider instanceProvider;
        private JsonCodec json;
        private Executor streamExecutor;
        private long streamBufferSize = 64 * 1024;
        private ClassLoader classLoader;

        private Builder() {
        }

        /**
         * Adds the classes of these packages and their sub-packages: those annotated with
         * {@code @Endpoint} for {@link #build()}, with {@code @ClientEndpoint} for
         * {@link #buildClients()}. Each ignores the other's classes.
         *
         * @param packageNames package names such as {@code com.example.chat}; scanned at build time
         * @return this builder
         */
        public Builder scan(String... packageNames) {
            packages.addAll(Arrays.asList(packageNames));
            return this;
        }

        /**
         * Adds these classes, which must be annotated with {@code @Endpoint} for {@link #build()},
         * or with {@code @ClientEndpoint} for {@link #buildClients()}.
         *
         * @param endpointClasses the classes; a class added twice counts once
         * @return this builder
         */
        public Builder add(Class<?>... endpointClasses) {
            classes.addAll(Arrays.asList(endpointClasses));
            return this;
        }

        /**
         * Where endpoint, encoder and decoder instances come from. Default: the single
         * {@link InstanceProvider} listed in {@code META-INF/services}, or else a
         * {@link dev.wsf.annotated.spi.SimpleInstanceProvider} without bindings.
         *
         * @param provider the provider, used for every class built by this builder
         * @return this builder
         * @throws NullPointerException if {@code provider} is null
         */
        public Builder instanceProvider(InstanceProvider provider) {
            this.instanceProvider = Objects.requireNonNull(provider);
            return this;
        }

        /**
         * How JSON messages are read and written. Default: {@link JsonCodec#defaults()}.
         *
         * @param codec the codec for JSON messages, parameters and return values
         * @return this builder
         * @throws NullPointerException if {@code codec} is null
         */
        public Builder json(JsonCodec codec) {
            this.json = Objects.requireNonNull(codec);
            return this;
        }

        /**
         * Runs the {@code Reader} and {@code InputStream} callbacks, one task per streamed message,
         * each blocking while it reads. Default: a shared pool of daemon threads that grows as needed.
         *
         * @param executor runs the tasks, on threads other than the caller's (the session's callback
         *                 thread, which feeds the stream); a task it rejects fails that message's call
         * @return this builder
         * @throws NullPointerException if {@code executor} is null
         */
        public Builder streamExecutor(Executor executor) {
            this.streamExecutor = Objects.requireNonNull(executor);
            return this;
        }

        /**
         * How many chars (text) or bytes (binary) of a streamed message may wait for the reading
         * callback before the session stops reading from the network. Default: 64 KiB.
         *
         * @param units the limit, in chars for text and bytes for binary; positive
         * @return this builder
         * @throws IllegalArgumentException if {@code units} is zero or negative
         */
        public Builder streamBufferSize(long units) {
            if (units <= 0) {
                throw new IllegalArgumentException("streamBufferSize must be positive: " + units);
            }
            this.streamBufferSize = units;
            return this;
        }

        /**
         * Loads scanned classes and finds {@code META-INF/services} entries. Default: the thread's
         * context class loader.
         *
         * @param loader the class loader for scanning and service discovery
         * @return this builder
         * @throws NullPointerException if {@code loader} is null
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader);
            return this;
        }

        /**
         * Scans, validates and binds every {@code @Endpoint} class, for a server.
         *
         * @return the definitions of the added classes, then the scanned ones, as an immutable list
         * @throws DeploymentException listing every problem of every class
         */
        public List<EndpointDefinition> build() {
            ClassLoader loader = loader();
            Problems problems = new Problems(Role.SERVER);
            List<EndpointModel> models = read(Role.SERVER, Endpoint.class, loader, problems);
            checkPaths(models, problems);
            EndpointBinder binder = binder(loader);
            List<EndpointDefinition> definitions = new ArrayList<>();
            for (EndpointModel model : models) {
                binder.bind(model, problems).ifPresent(definitions::add);
            }
            problems.throwIfAny();
            return List.copyOf(definitions);
        }

        /**
         * Scans, validates and binds every {@code @ClientEndpoint} class, so that a client finds
         * every problem at startup rather than at its first connection.
         *
         * @return each class's definition, in the order the classes were added, then scanned
         * @throws DeploymentException listing every problem of every class
         */
        public Map<Class<?>, EndpointDefinition> buildClients() {
            ClassLoader loader = loader();
            Problems problems = new Problems(Role.CLIENT);
            List<EndpointModel> models = read(Role.CLIENT, ClientEndpoint.class, loader, problems);
            EndpointBinder binder = binder(loader);
            Map<Class<?>, EndpointDefinition> definitions = new LinkedHashMap<>();
            for (EndpointModel model : models) {
                binder.bind(model, problems).ifPresent(d -> definitions.put(model.type(), d));
            }
            problems.throwIfAny();
            return Collections.unmodifiableMap(definitions);
        }

        /**
         * As {@link AnnotatedEndpoints#client(Class)}, with this builder's settings; the classes
         * and packages added to it play no part.
         *
         * @param type a class annotated with {@code @ClientEndpoint}
         * @return the definition to connect with
         * @throws NullPointerException if {@code type} is null
         * @throws DeploymentException listing every problem of the class
         */
        public EndpointDefinition client(Class<?> type) {
            Objects.requireNonNull(type, "type");
            ClassLoader loader = loader();
            Problems problems = new Problems(Role.CLIENT);
            Optional<EndpointDefinition> definition = new EndpointModelReader(Role.CLIENT, Scopes::isSingleton)
                    .read(type, problems)
                    .flatMap(model -> binder(loader).bind(model, problems));
            problems.throwIfAny();
            return definition.orElseThrow();
        }

        /**
         * As {@link AnnotatedEndpoints#client(Object)}, with this builder's settings (the
         * instance provider still makes the encoders and decoders); the classes and packages
         * added to it play no part. Given a {@code Class}, acts as {@link #client(Class)}.
         *
         * @param endpoint the instance that handles every connection made with the definition
         * @return the definition to connect with
         * @throws NullPointerException if {@code endpoint} is null
         * @throws DeploymentException listing every problem of the instance's class
         */
        public EndpointDefinition client(Object endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (endpoint instanceof Class<?> type) { // an overload picked through an Object-typed variable
                return client(type);
            }
            ClassLoader loader = loader();
            Problems problems = new Problems(Role.CLIENT);
            Optional<EndpointDefinition> definition = new EndpointModelReader(Role.CLIENT, Scopes::isSingleton)
                    .readInstanceClass(endpoint.getClass(), problems)
                    .flatMap(model -> binder(loader).bind(model, endpoint, problems));
            problems.throwIfAny();
            return definition.orElseThrow();
        }

        /** The models of the added and scanned classes carrying {@code annotation}. */
        private List<EndpointModel> read(Role role, Class<? extends Annotation> annotation, ClassLoader loader,
                                         Problems problems) {
            Set<Class<?>> all = new LinkedHashSet<>(classes);
            List<Class<?>> scanned = EndpointScanner.scan(loader, packages, annotation);
            if (!packages.isEmpty() && scanned.isEmpty()) {
                LOG.log(Level.WARNING, "no @" + annotation.getSimpleName() + " class found in packages " + packages);
            }
            all.addAll(scanned);
            EndpointModelReader reader = new EndpointModelReader(role, Scopes::isSingleton);
            List<EndpointModel> models = new ArrayList<>();
            for (Class<?> type : all) {
                reader.read(type, problems).ifPresent(models::add);
            }
            return models;
        }

        private EndpointBinder binder(ClassLoader loader) {
            InstanceProvider provider = instanceProvider != null ? instanceProvider : InstanceProviders.discover(loader);
            return new EndpointBinder(provider, json != null ? json : JsonCodec.defaults(),
                    streamExecutor != null ? streamExecutor : StreamThreads.SHARED, streamBufferSize);
        }

        private ClassLoader loader() {
            if (classLoader != null) {
                return classLoader;
            }
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : AnnotatedEndpoints.class.getClassLoader();
        }

        /** The runtime routes by path; two endpoints matching the same requests cannot both be served. */
        private static void checkPaths(List<EndpointModel> models, Problems problems) {
            for (int i = 0; i < models.size(); i++) {
                for (int j = 0; j < i; j++) {
                    EndpointModel earlier = models.get(j);
                    EndpointModel later = models.get(i);
                    if (later.path().conflictsWith(earlier.path())) {
                        problems.onClass(later.type(), "its path " + later.path() + " matches the same requests as "
                                + "path " + earlier.path() + " of " + earlier.type().getName(),
                                "give one of " + later.type().getSimpleName() + " and "
                                        + earlier.type().getSimpleName() + " a different path");
                    }
                }
            }
        }
    }

    /** The default stream executor: daemon threads, created on demand, idle ones retired after a minute. */
    private static final class StreamThreads {
        static final ExecutorService SHARED = Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Thread newThread(Runnable task) {
                Thread thread = new Thread(task, "wsf-stream-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            }
        });
    }
}
