package dev.wsf.runtime.client;

import dev.wsf.api.HandshakeRejectedException;
import dev.wsf.api.WebSocketException;
import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.api.extension.ExtensionFactory;
import dev.wsf.runtime.extension.NegotiatedExtensions;
import dev.wsf.runtime.extension.ExtensionRegistry;
import dev.wsf.runtime.http.AcceptKey;
import dev.wsf.runtime.http.Headers;
import dev.wsf.runtime.http.HttpResponseHead;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The client's checks of a server's answer (RFC 6455 section 4.1): status 101, the Upgrade and
 * Connection tokens, the exact Sec-WebSocket-Accept for our key, a subprotocol only if it is one
 * we offered, and extensions only as we offered them, each at most once, with no RSV bit claimed
 * twice. Any failure fails the connection attempt.
 */
final class ResponseValidator {
    private ResponseValidator() {
    }

    /** The negotiated subprotocol and extensions of a valid response. */
    record Result(Optional<String> subprotocol, NegotiatedExtensions extensions) {
    }

    static Result validate(HttpResponseHead response, String key, List<String> offeredProtocols,
                           List<ExtensionConfig> offeredExtensions, ExtensionRegistry registry, long maxMessageSize) {
        if (response.status() != 101) {
            String why = "the server answered " + response.status() + " " + response.reason() + " instead of 101";
            if (response.status() >= 300 && response.status() <= 599) {
                throw new HandshakeRejectedException(response.status(), why);
            }
            throw new WebSocketException(why);
        }
        Headers h = response.headers();
        if (!h.hasToken("Upgrade", "websocket")) {
            throw invalid("the 101 response lacks 'Upgrade: websocket'");
        }
        if (!h.hasToken("Connection", "upgrade")) {
            throw invalid("the 101 response lacks 'Connection: Upgrade'");
        }
        List<String> accept = h.all("Sec-WebSocket-Accept");
        if (accept.size() != 1 || !accept.get(0).equals(AcceptKey.of(key))) {
            throw invalid("Sec-WebSocket-Accept does not match the key we sent");
        }
        List<String> protocols = h.list("Sec-WebSocket-Protocol");
        if (protocols.size() > 1 || (protocols.size() == 1 && !offeredProtocols.contains(protocols.get(0)))) {
            throw invalid("the server chose subprotocol " + protocols + ", which we did not offer");
        }
        return new Result(protocols.stream().findFirst(),
                extensions(h, offeredExtensions, registry, maxMessageSize));
    }

    private static NegotiatedExtensions extensions(Headers h, List<ExtensionConfig> offered, ExtensionRegistry registry,
                                             long maxMessageSize) {
        List<ExtensionConfig> accepted;
        try {
            accepted = ExtensionConfig.parse(h.all("Sec-WebSocket-Extensions"));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        Set<String> offeredNames = new HashSet<>();
        offered.forEach(o -> offeredNames.add(o.name()));
        List<Extension> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int rsv = 0;
        try {
            for (ExtensionConfig response : accepted) {
                if (!offeredNames.contains(response.name()) || !seen.add(response.name())) {
                    throw invalid("the server accepted extension " + response.name()
                            + ", which we did not offer, or accepted it twice");
                }
                ExtensionFactory factory = registry.find(response.name()).orElseThrow();
                Extension e;
                try {
                    e = factory.acceptResponse(response, new ExtensionContext(maxMessageSize));
                } catch (IllegalArgumentException ex) {
                    throw invalid("the server's " + response + " is not acceptable: " + ex.getMessage());
                }
                chain.add(e);
                if ((e.rsvBits() & rsv) != 0) {
                    throw invalid("extension " + response.name() + " claims an RSV bit already in use");
                }
                rsv |= e.rsvBits();
            }
        } catch (WebSocketException e) {
            chain.forEach(Extension::close);
            throw e;
        }
        return NegotiatedExtensions.of(chain);
    }

    private static WebSocketException invalid(String why) {
        return new WebSocketException("invalid handshake response: " + why);
    }
}
