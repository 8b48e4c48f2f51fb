package dev.wsf.runtime.extension.deflate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.wsf.api.extension.Extension;
import dev.wsf.api.extension.ExtensionConfig;
import dev.wsf.api.extension.ExtensionContext;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7692 section 7.1 from the client's side: what we offer and which answers we take. */
class ClientNegotiationTest {
    private static final ExtensionContext CLIENT = new ExtensionContext(1 << 20);
    private static final String PMD = "permessage-deflate";

    static Stream<Arguments> offers() {
        return Stream.of(
                arguments(DeflateSettings.defaults(), PMD + "; client_max_window_bits"),
                arguments(DeflateSettings.builder().offerClientMaxWindowBits(false).build(), PMD),
                arguments(DeflateSettings.builder().clientMaxWindowBits(9).offerClientMaxWindowBits(false).build(),
                        PMD + "; client_max_window_bits=9"),
                arguments(DeflateSettings.builder().serverNoContextTakeover(true).clientNoContextTakeover(true)
                                .serverMaxWindowBits(10).clientMaxWindowBits(12).build(),
                        PMD + "; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10;"
                                + " client_max_window_bits=12"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("offers")
    void offersWhatTheSettingsSay(DeflateSettings settings, String offer) {
        assertEquals(List.of(ExtensionConfig.parse(offer).get(0)), new PerMessageDeflateFactory(settings).offers());
    }

    @ParameterizedTest(name = "accepts {0}")
    @ValueSource(strings = {
        PMD,
        PMD + "; server_no_context_takeover",
        PMD + "; client_no_context_takeover",
        PMD + "; server_max_window_bits=10", // a server may state its window unasked
        PMD + "; server_max_window_bits=8",
        PMD + "; client_max_window_bits=8",
        PMD + "; client_max_window_bits=15",
        PMD + "; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=12;"
                + " client_max_window_bits=9",
        PMD + "; client_max_window_bits=\"11\"",
    })
    void acceptsLegalAnswersToTheDefaultOffer(String response) {
        accept(DeflateSettings.defaults(), response);
    }

    @ParameterizedTest(name = "rejects {0}")
    @ValueSource(strings = {
        PMD + "; foo",
        PMD + "; client_max_window_bits", // a response must give the value
        PMD + "; client_max_window_bits=7",
        PMD + "; client_max_window_bits=16",
        PMD + "; client_max_window_bits=09",
        PMD + "; server_max_window_bits",
        PMD + "; server_max_window_bits=16",
        PMD + "; server_max_window_bits=x",
        PMD + "; server_no_context_takeover=1",
        PMD + "; client_no_context_takeover=true",
        PMD + "; server_no_context_takeover; server_no_context_takeover",
        PMD + "; client_max_window_bits=10; client_max_window_bits=10",
        "x-webkit-deflate-frame",
    })
    void rejectsMalformedAnswers(String response) {
        assertRejected(DeflateSettings.defaults(), response);
    }

    static Stream<Arguments> answersOutsideWhatWeOffered() {
        DeflateSettings noClientBits = DeflateSettings.builder().offerClientMaxWindowBits(false).build();
        DeflateSettings clientBits10 = DeflateSettings.builder().clientMaxWindowBits(10).build();
        DeflateSettings serverBits10 = DeflateSettings.builder().serverMaxWindowBits(10).build();
        DeflateSettings serverNoTakeover = DeflateSettings.builder().serverNoContextTakeover(true).build();
        return Stream.of(
                arguments(noClientBits, PMD + "; client_max_window_bits=10", "client_max_window_bits was not offered"),
                arguments(clientBits10, PMD + "; client_max_window_bits=11", "above the offered 10"),
                arguments(serverBits10, PMD, "server_max_window_bits was requested but not confirmed"),
                arguments(serverBits10, PMD + "; server_max_window_bits=11", "above the requested 10"),
                arguments(serverNoTakeover, PMD + "; client_no_context_takeover",
                        "server_no_context_takeover was requested but not confirmed"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("answersOutsideWhatWeOffered")
    void rejectsAnswersToOffersWeDidNotMake(DeflateSettings settings, String response, String problem) {
        IllegalArgumentException e = assertRejected(settings, response);
        assertEquals(true, e.getMessage().contains(problem), e.getMessage());
    }

    static Stream<Arguments> answersWithinWhatWeOffered() {
        DeflateSettings clientBits10 = DeflateSettings.builder().clientMaxWindowBits(10).build();
        DeflateSettings serverBits10 = DeflateSettings.builder().serverMaxWindowBits(10).build();
        return Stream.of(
                arguments(clientBits10, PMD + "; client_max_window_bits=10"),
                arguments(clientBits10, PMD + "; client_max_window_bits=9"),
                arguments(clientBits10, PMD),
                arguments(serverBits10, PMD + "; server_max_window_bits=10"),
                arguments(serverBits10, PMD + "; server_max_window_bits=8"),
                arguments(DeflateSettings.builder().serverNoContextTakeover(true).build(),
                        PMD + "; server_no_context_takeover"),
                arguments(DeflateSettings.builder().offerClientMaxWindowBits(false).build(),
                        PMD + "; client_no_context_takeover; server_max_window_bits=9"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("answersWithinWhatWeOffered")
    void acceptsAnswersWithinWhatWeOffered(DeflateSettings settings, String response) {
        accept(settings, response);
    }

    @Test
    void theNegotiatedConfigIsTheServersResponse() {
        ExtensionConfig response = ExtensionConfig.parse(PMD + "; server_no_context_takeover").get(0);
        try (Extension e = new PerMessageDeflateFactory().acceptResponse(response, CLIENT)) {
            assertEquals(response, e.config());
        }
    }

    private static void accept(DeflateSettings settings, String response) {
        new PerMessageDeflateFactory(settings).acceptResponse(ExtensionConfig.parse(response).get(0), CLIENT).close();
    }

    private static IllegalArgumentException assertRejected(DeflateSettings settings, String response) {
        ExtensionConfig config = ExtensionConfig.parse(response).get(0);
        return assertThrows(IllegalArgumentException.class,
                () -> new PerMessageDeflateFactory(settings).acceptResponse(config, CLIENT));
    }
}
