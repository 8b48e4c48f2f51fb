package dev.wsf.samples.guice;

import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnMessage;
import jakarta.inject.Inject;

/**
 * Answers a name with a greeting. Guice builds a new instance per session (the class is not a
 * singleton) and injects its collaborators; the {@link VisitorCounter} is the same for all.
 */
@Endpoint(path = "/greet")
public class GreetingEndpoint {
    private final Greeter greeter;
    private final VisitorCounter visitors;

    @Inject
    public GreetingEndpoint(Greeter greeter, VisitorCounter visitors) {
        this.greeter = greeter;
        this.visitors = visitors;
    }

    @OnMessage
    public String greet(String name) {
        return greeter.greet(name.strip()) + " You are visitor #" + visitors.next() + ".";
    }
}
