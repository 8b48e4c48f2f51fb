package dev.wsf.annotated.scanned.sub;

import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnMessage;

/** Found by {@code ScanTest} in a sub-package; not public, which the framework allows. */
@Endpoint(path = "/reverse")
class ReverseEndpoint {
    @OnMessage
    public String reverse(String text) {
        return new StringBuilder(text).reverse().toString();
    }
}
