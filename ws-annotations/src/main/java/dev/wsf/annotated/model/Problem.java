package dev.wsf.annotated.model;

/**
 * One reason an endpoint class cannot be deployed.
 *
 * @param endpoint the endpoint class at fault
 * @param where    the element at fault, e.g. {@code @OnMessage com.example.Chat#message(Session, int)}
 * @param what     what is wrong
 * @param fix      how to fix it
 */
public record Problem(Class<?> endpoint, String where, String what, String fix) {

    @Override
    public String toString() {
        return where + ": " + what + ". Fix: " + fix + ".";
    }
}
