package dev.wsf.runtime.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.Session;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.api.extension.ExtensionFactory;
import dev.wsf.api.extension.ExtensionParameter;
import dev.wsf.api.extension.Frame;
import dev.wsf.api.extension.FrameSink;
import dev.wsf.runtime.testing.RawFrame;
import dev.wsf.runtime.testing.RecordingHandler;
import dev.wsf.runtime.testing.ServerHarness;
import dev.wsf.runtime.testing.UpgradeRequestBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Extension negotiation and the extension chain, with user extensions given to the server:
 * offers are taken in the client's order, declined offers fall through to the next, RSV bits are
 * never claimed twice, endpoints and servers can switch extensions off, and frames pass through
 * the chain in negotiated order outbound and in reverse inbound.
 */
class ExtensionNegotiationTest {

    /** Appends its tag to outgoing text and strips it from incoming text; claims one RSV bit. */
    static final class Tagging implements ExtensionFactory {
        final String name;
        final int rsv;
        final List<String> closed = new ArrayList<>();

        Tagging(String name, int rsv) {
            this.name = name;
            this.rsv = rsv;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<Extension> acceptOffer(ExtensionConfig offer, ExtensionContext context) {
            if (offer.parameter("decline").isPresent()) {
                return Optional.empty();
            }
            return Optional.of(new Extension() {
                @Override
                public ExtensionConfig config() {
                    return offer;
                }

                @Override
                public int rsvBits() {
                    return rsv;
                }

                @Override
                public void onInboundFrame(Frame frame, FrameSink next) {
                    String s = StandardCharsets.UTF_8.decode(frame.payload()).toString();
                    String suffix = "<" + name + ">";
                    if (!s.endsWith(suffix)) {
                        throw new dev.wsf.api.CloseException(1007, name + " tag missing in " + s);
                    }
                    String stripped = s.substring(0, s.length() - suffix.length());
                    next.accept(frame.with(frame.rsv() & ~rsv, ByteBuffer.wrap(stripped.getBytes(StandardCharsets.UTF_8))));
                }

                @Override
                public void onOutboundFrame(Frame frame, FrameSink next) {
                    String s = StandardCharsets.UTF_8.decode(frame.payload().duplicate()) + "<" + name + ">";
                    next.accept(frame.with(frame.rsv() | rsv, ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8))));
                }

                @Override
                public void close() {
                    closed.add(offer.toString());
                }
            });
        }

        @Override
        public List<ExtensionConfig> offers() {
            return List.of(ExtensionConfig.of(name));
        }

        @Override
        public Extension acceptResponse(ExtensionConfig response, ExtensionContext context) {
            throw new UnsupportedOperationException("server-side test");
        }
    }

    private final Tagging a = new Tagging("x-a", Frame.RSV2);
    private final Tagging b = new Tagging("x-b", Frame.RSV3);
    private final Tagging alsoRsv2 = new Tagging("x-c", Frame.RSV2);
    private RecordingHandler handler;

    private ServerHarness server(ServerConfig.Builder config, java.util.function.Predicate<String> endpointAllows) {
        handler = new RecordingHandler(true);
        EndpointDefinition echo = EndpointDefinition.builder("/echo", r -> handler).dispatch(Dispatch.IO_THREAD)
                .extensions(endpointAllows).build();
        return new ServerHarness(config.host("127.0.0.1").port(0).discoverExtensions(false).extensions(a, b, alsoRsv2).build(),
                null, echo);
    }

    private static String negotiated(ServerHarness h, String offers) {
        h.send(UpgradeRequestBuilder.to("/echo").header("Sec-WebSocket-Extensions", offers).bytes());
        return h.responseHead().lines().filter(l -> l.startsWith("Sec-WebSocket-Extensions: "))
                .map(l -> l.substring("Sec-WebSocket-Extensions: ".length())).findFirst().orElse("");
    }

    @Test
    void acceptsInTheClientsOrderAndFallsThroughDeclinedOffers() {
        ServerHarness h = server(ServerConfig.builder(), name -> true);
        assertEquals("x-b, x-a; v=2", negotiated(h, "x-unknown, x-b, x-a; decline, x-a; v=2, x-a; v=3"));
    }

    @Test
    void neverClaimsAnRsvBitTwice() {
        ServerHarness h = server(ServerConfig.builder(), name -> true);
        assertEquals("x-a", negotiated(h, "x-a, x-c"));
        assertEquals(List.of("x-c"), alsoRsv2.closed, "the declined instance was closed");
    }

    @Test
    void endpointsAndServersCanSwitchExtensionsOff() {
        assertEquals("x-b", negotiated(server(ServerConfig.builder(), name -> !name.equals("x-a")), "x-a, x-b"));
        assertEquals("x-a", negotiated(server(ServerConfig.builder().disableExtensions("x-b"), name -> true), "x-a, x-b"));
    }

    @Test
    void framesPassThroughTheChainInOrderAndClaimedBitsAreAccepted() {
        ServerHarness h = server(ServerConfig.builder(), name -> true);
        assertEquals("x-a, x-b", negotiated(h, "x-a, x-b"));
        assertEquals("open", handler.events.poll());
        // The client applied x-a then x-b, so the frame carries both tags and both RSV bits.
        h.send(RawFrame.text("hi<x-a><x-b>").rsv(0b011).bytes());
        assertEquals("text:hi", handler.events.poll(), "inbound undoes x-b, then x-a");
        assertEquals(List.of("TEXT rsv3 hi<x-a><x-b>"), h.frames(), "outbound applies x-a, then x-b");
    }

    @Test
    void aFailingExtensionClosesWithItsCode() {
        ServerHarness h = server(ServerConfig.builder(), name -> true);
        negotiated(h, "x-a");
        h.send(RawFrame.text("untagged").rsv(0b010).bytes());
        List<String> frames = h.frames();
        assertTrue(frames.get(0).startsWith("CLOSE 1007 x-a tag missing"), frames.toString());
        assertEquals(List.of(), a.closed, "still lingering for the peer's close");
        h.eof();
        assertEquals(List.of("x-a"), a.closed, "released once the connection is gone");
    }

    @Test
    void sessionsReportTheNegotiatedExtensions() {
        ServerHarness h = server(ServerConfig.builder(), name -> true);
        negotiated(h, "x-b; p=1");
        Session s = handler.session;
        assertEquals(List.of(ExtensionConfig.of("x-b", ExtensionParameter.of("p", "1"))), s.extensions());
    }
}
