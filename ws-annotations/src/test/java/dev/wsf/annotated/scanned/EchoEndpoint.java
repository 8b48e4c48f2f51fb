package dev.wsf.annotated.scanned;

import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnMessage;

/** Found by {@code ScanTest}. */
@Endpoint(path = "/echo")
public class EchoEndpoint {
    @OnMessage
    public String echo(String text) {
        return text;
    }
}
