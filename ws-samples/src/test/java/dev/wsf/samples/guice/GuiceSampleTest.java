package dev.wsf.samples.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.util.Modules;
import dev.wsf.annotated.AnnotatedEndpoints;
import dev.wsf.api.DeploymentException;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.testkit.JdkClient;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The Guice sample: the injector builds each session's endpoint, and reports missing bindings at deployment. */
class GuiceSampleTest {

    @Test
    void guiceSuppliesTheEndpointsCollaborators() throws Exception {
        // The application's module, with the clock replaced: what a test module is for.
        Clock nineAm = Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC);
        WebSocketServer server = GuiceSample.start(ServerConfig.builder().host("127.0.0.1").port(0).build(),
                Modules.override(new GreetingModule()).with(binder -> binder.bind(Clock.class).toInstance(nineAm)));
        String url = "ws://127.0.0.1:" + server.port() + "/greet";
        try (JdkClient ann = JdkClient.connect(url); JdkClient bob = JdkClient.connect(url)) {
            ann.send("ann");
            assertEquals("Good morning, ann! You are visitor #1.", ann.nextText());
            bob.send(" bob ");
            // Another session, another endpoint instance, the same @Singleton counter.
            assertEquals("Good morning, bob! You are visitor #2.", bob.nextText());
        } finally {
            server.stop();
        }
    }

    /** An endpoint that needs something no module binds. */
    @Endpoint(path = "/needy")
    public static class NeedyEndpoint {
        @Inject
        public NeedyEndpoint(Greeter greeter) {
        }

        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void aMissingBindingFailsDeploymentNotTheFirstConnection() {
        GuiceInstanceProvider withoutModules = new GuiceInstanceProvider(Guice.createInjector());
        DeploymentException e = assertThrows(DeploymentException.class, () -> AnnotatedEndpoints.builder()
                .instanceProvider(withoutModules).add(NeedyEndpoint.class).build());
        assertTrue(e.getMessage().contains("NeedyEndpoint") && e.getMessage().contains(Greeter.class.getName())
                && e.getMessage().contains("bind it in one of the injector's modules"), e.getMessage());
    }
}
