package dev.wsf.samples.guice;

import com.google.inject.Guice;
import com.google.inject.Module;
import dev.wsf.annotated.AnnotatedEndpoints;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.samples.support.SampleRunner;
import java.util.List;

/** {@link GreetingEndpoint} on {@code /greet}, its collaborators supplied by a Guice injector. */
public final class GuiceSample {
    private GuiceSample() {
    }

    /** Starts with the given modules; {@link GreetingModule} is the application's. */
    public static WebSocketServer start(ServerConfig config, Module... modules) {
        var endpoints = AnnotatedEndpoints.builder()
                .instanceProvider(new GuiceInstanceProvider(Guice.createInjector(modules)))
                .add(GreetingEndpoint.class)
                .build();
        return WebSocketServer.builder().config(config).endpoints(endpoints).build().start();
    }

    public static void main(String[] args) {
        SampleRunner.Listening listening = SampleRunner.listen(ServerConfig.builder());
        WebSocketServer server = start(listening.config(), new GreetingModule());
        SampleRunner.serveUntilStopped(server, listening, at -> List.of(
                "Guice: send your name to " + at.ws("/greet") + " and get a greeting from the injected Greeter,"
                        + " e.g. " + at.pythonClient("/greet")));
    }
}
