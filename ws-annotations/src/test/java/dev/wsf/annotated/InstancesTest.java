package dev.wsf.annotated;

import static dev.wsf.annotated.BadSignaturesTest.assertMentions;
import static dev.wsf.annotated.BadSignaturesTest.problemsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wsf.annotated.spi.SimpleInstanceProvider;
import dev.wsf.annotated.spi.InstanceProvider;
import dev.wsf.annotated.testing.Connection;
import dev.wsf.annotated.testing.FakeHandshakeRequest;
import dev.wsf.api.DeploymentException;
import dev.wsf.api.Session;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.OnOpen;
import dev.wsf.api.codec.TextEncoder;
import dev.wsf.api.endpoint.EndpointDefinition;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Endpoint instances: per session or shared, and injected through the instance-provider SPI. */
class InstancesTest {

    /** Records which instance served a session. */
    static Object instanceOf(Connection c) {
        c.handler().onText(c.session(), "who");
        return c.session().userProperties().get("instance");
    }

    @Endpoint(path = "/per-session")
    public static class PerSession {
        @OnMessage
        public void message(String text, Session session) {
            session.userProperties().put("instance", this);
        }
    }

    @Singleton
    @Endpoint(path = "/shared")
    public static class Shared extends PerSession {
    }

    @Test
    void aNewInstancePerSessionByDefault() {
        EndpointDefinition d = Connection.single(AnnotatedEndpoints.define(PerSession.class));
        Object a = instanceOf(Connection.open(d, FakeHandshakeRequest.to("/per-session")));
        Object b = instanceOf(Connection.open(d, FakeHandshakeRequest.to("/per-session")));
        assertNotSame(a, b);
    }

    @Test
    void oneSharedInstanceForSingletons() {
        EndpointDefinition d = Connection.single(AnnotatedEndpoints.define(Shared.class));
        Object a = instanceOf(Connection.open(d, FakeHandshakeRequest.to("/shared")));
        Object b = instanceOf(Connection.open(d, FakeHandshakeRequest.to("/shared")));
        assertSame(a, b);
    }

    // ---- injection with the simple provider --------------------------------------------------

    public interface RoomRegistry {
        int join(String room);
    }

    public static final class CountingRegistry implements RoomRegistry {
        private final Map<String, AtomicInteger> rooms = new ConcurrentHashMap<>();

        @Override
        public int join(String room) {
            return rooms.computeIfAbsent(room, r -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Singleton
    public static final class Greeter {
        static final AtomicInteger CREATED = new AtomicInteger();

        public Greeter() {
            CREATED.incrementAndGet();
        }

        String greet(String name) {
            return "hello " + name;
        }
    }

    public static class Clock {
        long now() {
            return 42;
        }
    }

    public static class Audit {
        @Inject
        Clock clock;
    }

    @Endpoint(path = "/chat")
    public static class Chat {
        private final RoomRegistry rooms;
        @Inject
        Greeter greeter;
        @Inject
        Provider<Audit> audit;

        @Inject
        public Chat(RoomRegistry rooms) {
            this.rooms = rooms;
        }

        @OnOpen
        public String open() {
            return greeter.greet("#" + rooms.join("lobby")) + " at " + audit.get().clock.now();
        }
    }

    @Test
    void constructorAndFieldInjectionFromBindings() {
        SimpleInstanceProvider provider = SimpleInstanceProvider.builder()
                .bindTo(RoomRegistry.class, CountingRegistry.class) // not a singleton: one per Chat
                .build();
        EndpointDefinition d = Connection.single(AnnotatedEndpoints.builder().instanceProvider(provider).add(Chat.class).build());
        int createdBefore = Greeter.CREATED.get();
        assertEquals(List.of("hello #1 at 42"), Connection.open(d, FakeHandshakeRequest.to("/chat")).session().sentText());
        assertEquals(List.of("hello #1 at 42"), Connection.open(d, FakeHandshakeRequest.to("/chat")).session().sentText());
        assertEquals(createdBefore + 1, Greeter.CREATED.get(), "the @Singleton dependency is built once");

        CountingRegistry shared = new CountingRegistry();
        EndpointDefinition sharedRooms = Connection.single(AnnotatedEndpoints.builder()
                .instanceProvider(SimpleInstanceProvider.builder().bind(RoomRegistry.class, shared).build())
                .add(Chat.class).build());
        Connection.open(sharedRooms, FakeHandshakeRequest.to("/chat"));
        assertEquals(List.of("hello #2 at 42"),
                Connection.open(sharedRooms, FakeHandshakeRequest.to("/chat")).session().sentText());
    }

    @Test
    void anUnboundInterfaceFailsDeployment() {
        assertMentions(problemsOf(Chat.class), "@Endpoint " + Chat.class.getName(),
                "the instance provider cannot build it: " + RoomRegistry.class.getName()
                        + " is abstract or an interface, and nothing is bound to it",
                "Fix: bind an implementation with SimpleInstanceProvider.builder().bind(RoomRegistry.class, ...)");
    }

    @Endpoint(path = "/no-constructor")
    public static class NoConstructor {
        public NoConstructor(String name) {
        }

        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void aClassWithoutAUsableConstructorFailsDeployment() {
        assertMentions(problemsOf(NoConstructor.class), "has neither an @Inject constructor nor a no-argument one",
                "Fix: add one of them, or bind an instance with SimpleInstanceProvider.builder().bind(...)");
    }

    public static class Egg {
        @Inject
        Chicken chicken;
    }

    public static class Chicken {
        @Inject
        Egg egg;
    }

    @Endpoint(path = "/cycle")
    public static class Cycle {
        @Inject
        Egg egg;

        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void aDependencyCycleFailsDeployment() {
        assertMentions(problemsOf(Cycle.class), "dependency cycle Egg -> Chicken -> Egg",
                "Fix: break it with a Provider<Egg> injection point");
    }

    @Endpoint(path = "/qualified")
    public static class Qualified {
        @Inject
        @Named("primary")
        Clock clock;

        @Inject
        final Clock finalClock = null;

        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void qualifiersAndFinalFieldsAreNotSupportedByTheSimpleProvider() {
        assertMentions(problemsOf(Qualified.class), "has the qualifier @Named, which the simple instance provider does not support",
                "is final or static. Fix: make it a non-final instance field");
    }

    // ---- codecs are provided too ------------------------------------------------------------------

    public static final class PrefixEncoder implements TextEncoder<Clock> {
        @Inject
        Greeter greeter;

        @Override
        public String encode(Clock value) {
            return greeter.greet("clock " + value.now());
        }
    }

    @Endpoint(path = "/clock", encoders = PrefixEncoder.class)
    public static class ClockEndpoint {
        @OnOpen
        public Clock open() {
            return new Clock();
        }
    }

    @Test
    void codecsComeFromTheProviderAndMayBeInjected() {
        assertEquals(List.of("hello clock 42"), Connection.open(ClockEndpoint.class).session().sentText());
    }

    // ---- a provider of one's own -----------------------------------------------------------------

    /** A stand-in for a container: counts requests and delegates. */
    public static final class RecordingProvider implements InstanceProvider {
        static final List<Class<?>> ASKED = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final InstanceProvider delegate = SimpleInstanceProvider.create();

        @Override
        public <T> T get(Class<T> type) {
            ASKED.add(type);
            return delegate.get(type);
        }
    }

    @Test
    void anExplicitProviderIsUsed() {
        RecordingProvider.ASKED.clear();
        EndpointDefinition d = Connection.single(AnnotatedEndpoints.builder()
                .instanceProvider(new RecordingProvider()).add(PerSession.class).build());
        instanceOf(Connection.open(d, FakeHandshakeRequest.to("/per-session")));
        assertEquals(List.of(PerSession.class), RecordingProvider.ASKED);
    }

    @Test
    void aProviderListedInMetaInfServicesIsDiscovered(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = servicesLoader(dir, RecordingProvider.class)) {
            RecordingProvider.ASKED.clear();
            EndpointDefinition d = Connection.single(AnnotatedEndpoints.builder().classLoader(loader).add(PerSession.class).build());
            instanceOf(Connection.open(d, FakeHandshakeRequest.to("/per-session")));
            assertEquals(List.of(PerSession.class), RecordingProvider.ASKED);
        }
    }

    @Test
    void severalDiscoveredProvidersAreAnError(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = servicesLoader(dir, RecordingProvider.class, OtherProvider.class)) {
            DeploymentException e = assertThrows(DeploymentException.class, () -> InstanceProviders.discover(loader));
            assertMentions(e.getMessage(), "several InstanceProviders are listed in META-INF/services",
                    "Fix: pass the one to use to AnnotatedEndpoints.builder().instanceProvider(...)");
        }
    }

    /** A second provider, for ambiguity. */
    public static final class OtherProvider implements InstanceProvider {
        @Override
        public <T> T get(Class<T> type) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aListedProviderThatCannotBeInstantiatedIsAnError(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = servicesLoader(dir, SimpleInstanceProvider.class)) {
            DeploymentException e = assertThrows(DeploymentException.class, () -> InstanceProviders.discover(loader));
            assertMentions(e.getMessage(), "cannot load an InstanceProvider listed in META-INF/services",
                    "Fix: give it a public no-argument constructor");
        }
    }

    /** A class loader that adds a services file listing {@code providers} to this test's class path. */
    private static URLClassLoader servicesLoader(Path dir, Class<?>... providers) throws IOException {
        Path services = dir.resolve("META-INF/services/" + InstanceProvider.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, String.join("\n", java.util.Arrays.stream(providers).map(Class::getName).toList()));
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, InstancesTest.class.getClassLoader());
    }
}
