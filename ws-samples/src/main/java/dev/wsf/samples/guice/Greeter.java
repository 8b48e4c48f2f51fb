package dev.wsf.samples.guice;

/** Says hello; the endpoint depends on this interface, the module picks the implementation. */
public interface Greeter {
    String greet(String name);
}
