package dev.wsf.runtime.extension.deflate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import dev.wsf.api.extension.Frame;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7692 section 7.1 from the server's side: offer in, exact response (or a decline) out. */
class ServerNegotiationTest {
    private static final ExtensionContext SERVER = new ExtensionContext(1 << 20);
    private static final String PMD = "permessage-deflate";

    static Stream<Arguments> legalOffersWithDefaults() {
        return Stream.of(
                arguments(PMD, PMD),
                arguments(PMD + "; client_max_window_bits", PMD),
                arguments(PMD + "; client_max_window_bits=15", PMD),
                arguments(PMD + "; client_max_window_bits=10", PMD + "; client_max_window_bits=10"),
                arguments(PMD + "; client_max_window_bits=8", PMD + "; client_max_window_bits=8"),
                arguments(PMD + "; server_max_window_bits=15", PMD + "; server_max_window_bits=15"),
                arguments(PMD + "; server_max_window_bits=10", PMD + "; server_max_window_bits=10"),
                arguments(PMD + "; server_max_window_bits=8", PMD + "; server_max_window_bits=8"),
                arguments(PMD + "; server_no_context_takeover", PMD + "; server_no_context_takeover"),
                arguments(PMD + "; client_no_context_takeover", PMD + "; client_no_context_takeover"),
                arguments(PMD + "; server_no_context_takeover; client_no_context_takeover",
                        PMD + "; server_no_context_takeover; client_no_context_takeover"),
                arguments(PMD + "; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9;"
                                + " client_max_window_bits=12",
                        PMD + "; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9;"
                                + " client_max_window_bits=12"),
                // Any order in, the RFC's order out.
                arguments(PMD + "; client_max_window_bits; server_max_window_bits=12; client_no_context_takeover",
                        PMD + "; client_no_context_takeover; server_max_window_bits=12"),
                arguments(PMD + "; client_max_window_bits=9; server_no_context_takeover",
                        PMD + "; server_no_context_takeover; client_max_window_bits=9"),
                // A quoted value is the same value once unquoted (RFC 7692 section 7.1).
                arguments(PMD + "; server_max_window_bits=\"11\"", PMD + "; server_max_window_bits=11"),
                arguments(PMD + ";client_max_window_bits = \"13\"", PMD + "; client_max_window_bits=13"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("legalOffersWithDefaults")
    void answersEveryLegalOffer(String offer, String response) {
        assertEquals(response, respond(new PerMessageDeflateFactory(), offer));
    }

    static Stream<Arguments> legalOffersWithEverythingConfigured() {
        String all = PMD + "; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=12";
        return Stream.of(
                arguments(PMD, all),
                arguments(PMD + "; client_max_window_bits", all + "; client_max_window_bits=10"),
                arguments(PMD + "; client_max_window_bits=9", all + "; client_max_window_bits=9"),
                arguments(PMD + "; client_max_window_bits=11", all + "; client_max_window_bits=10"),
                arguments(PMD + "; server_max_window_bits=14", all),
                arguments(PMD + "; server_max_window_bits=9; server_no_context_takeover",
                        PMD + "; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("legalOffersWithEverythingConfigured")
    void addsWhatTheSettingsAskFor(String offer, String response) {
        DeflateSettings settings = DeflateSettings.builder().serverNoContextTakeover(true).clientNoContextTakeover(true)
                .serverMaxWindowBits(12).clientMaxWindowBits(10).build();
        assertEquals(response, respond(new PerMessageDeflateFactory(settings), offer));
    }

    @ParameterizedTest(name = "declines {0}")
    @ValueSource(strings = {
        PMD + "; foo",
        PMD + "; foo=1",
        PMD + "; Server_No_Context_Takeover",
        PMD + "; server_no_context_takeover; server_no_context_takeover",
        PMD + "; client_no_context_takeover; client_no_context_takeover",
        PMD + "; server_max_window_bits=10; server_max_window_bits=10",
        PMD + "; server_max_window_bits=10; server_max_window_bits=11",
        PMD + "; client_max_window_bits; client_max_window_bits",
        PMD + "; client_max_window_bits; client_max_window_bits=10",
        PMD + "; server_no_context_takeover=true",
        PMD + "; client_no_context_takeover=1",
        PMD + "; server_max_window_bits",
        PMD + "; server_max_window_bits=7",
        PMD + "; server_max_window_bits=16",
        PMD + "; server_max_window_bits=0",
        PMD + "; server_max_window_bits=08",
        PMD + "; server_max_window_bits=010",
        PMD + "; server_max_window_bits=+9",
        PMD + "; server_max_window_bits=9a",
        PMD + "; server_max_window_bits=1e1",
        PMD + "; server_max_window_bits=4294967306",
        PMD + "; client_max_window_bits=7",
        PMD + "; client_max_window_bits=16",
        PMD + "; client_max_window_bits=08",
        PMD + "; client_max_window_bits=abc",
        PMD + "; client_max_window_bits=\"-9\"",
        "x-webkit-deflate-frame",
    })
    void declinesIllegalOffersWithoutThrowing(String offer) {
        ExtensionConfig config = ExtensionConfig.parse(offer).get(0);
        assertEquals(Optional.empty(), new PerMessageDeflateFactory().acceptOffer(config, SERVER));
    }

    @Test
    void theFirstAcceptableOfferWins() {
        // The runtime asks about each offer in order and keeps the first accepted one.
        PerMessageDeflateFactory factory = new PerMessageDeflateFactory();
        List<ExtensionConfig> offers = ExtensionConfig.parse(
                PMD + "; server_max_window_bits=16, " + PMD + "; client_max_window_bits, " + PMD);
        List<Optional<Extension>> answers = offers.stream().map(o -> factory.acceptOffer(o, SERVER)).toList();
        assertTrue(answers.get(0).isEmpty());
        assertEquals(PMD, answers.get(1).orElseThrow().config().toString());
        answers.stream().flatMap(Optional::stream).forEach(Extension::close);
    }

    @Test
    void theExtensionOwnsRsv1() {
        try (Extension e = new PerMessageDeflateFactory().acceptOffer(ExtensionConfig.of(PMD), SERVER).orElseThrow()) {
            assertEquals(Frame.RSV1, e.rsvBits());
        }
    }

    private static String respond(PerMessageDeflateFactory factory, String offer) {
        try (Extension e = factory.acceptOffer(ExtensionConfig.parse(offer).get(0), SERVER).orElseThrow()) {
            return e.config().toString();
        }
    }
}
