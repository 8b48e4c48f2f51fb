package dev.wsf.annotated.scanned;

import dev.wsf.api.annotation.ClientEndpoint;
import dev.wsf.api.annotation.OnMessage;

/** A client endpoint: scanning for server endpoints must leave it out; scanning for clients finds it. */
@ClientEndpoint
public class EchoClient {
    @OnMessage
    public void echoed(String text) {
    }
}
