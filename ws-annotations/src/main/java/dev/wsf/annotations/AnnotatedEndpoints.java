package dev.wsf.annotations;

import dev.wsf.annotations.bind.EndpointBinder;
import dev.wsf.annotations.codec.JsonCodec;
import dev.wsf.annotations.instance.InstanceProviders;
import dev.wsf.annotations.instance.Scopes;
import dev.wsf.annotations.model.EndpointModel;
import dev.wsf.annotations.model.EndpointModelReader;
import dev.wsf.annotations.model.Problems;
import dev.wsf.annotations.scan.EndpointScanner;
import dev.wsf.annotations.spi.InstanceProvider;
import dev.wsf.api.DeploymentException;
import dev.wsf.api.endpoint.EndpointDefinition;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns classes annotated with {@link dev.wsf.api.annotation.Endpoint} into the
 * {@link EndpointDefinition}s a server serves.
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
 * }</pre>
 *
 * Every class is validated in full before anything is returned: one
 * {@link DeploymentException} lists every problem of every class, each naming the class, the
 * method, the annotation and the fix. Two endpoints whose paths match the same requests are a
 * problem too.
 */
public final class AnnotatedEndpoints {
    private static final System.Logger LOG = System.getLogger(AnnotatedEndpoints.class.getName());

    private AnnotatedEndpoints() {
    }

    /**
     * The endpoints found by scanning {@code packages} and their sub-packages, with the default
     * settings (see {@link Builder}).
     *
     * @throws DeploymentException listing every problem found
     */
    public static List<EndpointDefinition> scan(String... packages) {
        return builder().scan(packages).build();
    }

    /**
     * The endpoints of the given classes, without scanning, with the default settings.
     *
     * @throws DeploymentException listing every problem found
     */
    public static List<EndpointDefinition> define(Class<?>... classes) {
        return builder().add(classes).build();
    }

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

        /** Adds the {@code @Endpoint} classes of these packages and their sub-packages. */
        public Builder scan(String... packageNames) {
            packages.addAll(Arrays.asList(packageNames));
            return this;
        }

        /** Adds these classes, which must be annotated with {@code @Endpoint}. */
        public Builder add(Class<?>... endpointClasses) {
            classes.addAll(Arrays.asList(endpointClasses));
            return this;
        }

        /**
         * Where endpoint, encoder and decoder instances come from. Default: the single
         * {@link InstanceProvider} listed in {@code META-INF/services}, or else a
         * {@link dev.wsf.annotations.instance.SimpleInstanceProvider} without bindings.
         */
        public Builder instanceProvider(InstanceProvider provider) {
            this.instanceProvider = Objects.requireNonNull(provider);
            return this;
        }

        /** How JSON messages are read and written. Default: {@link JsonCodec#defaults()}. */
        public Builder json(JsonCodec codec) {
            this.json = Objects.requireNonNull(codec);
            return this;
        }

        /**
         * Runs the {@code Reader} and {@code InputStream} callbacks, one task per streamed message,
         * each blocking while it reads. Default: a shared pool of daemon threads that grows as needed.
         */
        public Builder streamExecutor(Executor executor) {
            this.streamExecutor = Objects.requireNonNull(executor);
            return this;
        }

        /**
         * How many chars (text) or bytes (binary) of a streamed message may wait for the reading
         * callback before the session stops reading from the network. Default: 64 KiB.
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
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader);
            return this;
        }

        /**
         * Scans, validates and binds every class.
         *
         * @throws DeploymentException listing every problem of every class
         */
        public List<EndpointDefinition> build() {
            ClassLoader loader = classLoader != null ? classLoader : defaultClassLoader();
            Set<Class<?>> all = new LinkedHashSet<>(classes);
            List<Class<?>> scanned = EndpointScanner.scan(loader, packages);
            if (!packages.isEmpty() && scanned.isEmpty()) {
                LOG.log(Level.WARNING, "no @Endpoint class found in packages " + packages);
            }
            all.addAll(scanned);
            InstanceProvider provider = instanceProvider != null ? instanceProvider : InstanceProviders.discover(loader);
            Problems problems = new Problems();
            EndpointModelReader reader = new EndpointModelReader(Scopes::isSingleton);
            List<EndpointModel> models = new ArrayList<>();
            for (Class<?> type : all) {
                reader.read(type, problems).ifPresent(models::add);
            }
            checkPaths(models, problems);
            EndpointBinder binder = new EndpointBinder(provider, json != null ? json : JsonCodec.defaults(),
                    streamExecutor != null ? streamExecutor : StreamThreads.SHARED, streamBufferSize);
            List<EndpointDefinition> definitions = new ArrayList<>();
            for (EndpointModel model : models) {
                binder.bind(model, problems).ifPresent(definitions::add);
            }
            problems.throwIfAny();
            return List.copyOf(definitions);
        }

        private static ClassLoader defaultClassLoader() {
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
