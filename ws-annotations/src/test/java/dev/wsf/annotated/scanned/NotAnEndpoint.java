package dev.wsf.annotated.scanned;

/** Has no {@code @Endpoint}: scanning must leave it out. */
public class NotAnEndpoint {
    public String echo(String text) {
        return text;
    }
}
