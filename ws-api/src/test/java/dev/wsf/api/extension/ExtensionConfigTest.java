package dev.wsf.api.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtensionConfigTest {

    @Test
    void parsesSeveralOffersWithParameters() {
        List<ExtensionConfig> offers = ExtensionConfig.parse(
                "permessage-deflate; client_max_window_bits; server_max_window_bits=10, permessage-deflate");
        assertEquals(2, offers.size());
        ExtensionConfig first = offers.get(0);
        assertEquals("permessage-deflate", first.name());
        assertEquals(List.of(ExtensionParameter.of("client_max_window_bits"),
                ExtensionParameter.of("server_max_window_bits", "10")), first.parameters());
        assertEquals("10", first.parameter("server_max_window_bits").orElseThrow().value().orElseThrow());
        assertEquals(List.of(), offers.get(1).parameters());
    }

    @Test
    void unquotesQuotedValues() {
        ExtensionConfig c = ExtensionConfig.parse("foo; bar=\"baz\"; q=\"a\\b\"").get(0);
        assertEquals("baz", c.parameter("bar").orElseThrow().value().orElseThrow());
        assertEquals("ab", c.parameter("q").orElseThrow().value().orElseThrow());
    }

    @Test
    void toleratesWhitespaceAndEmptyElements() {
        List<ExtensionConfig> offers = ExtensionConfig.parse(List.of(" a ;x = 1 ,, b\t", "c"));
        assertEquals(List.of("a", "b", "c"), offers.stream().map(ExtensionConfig::name).toList());
        assertEquals("1", offers.get(0).parameter("x").orElseThrow().value().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a;", "a; =1", "a; b=", "a; b=\"c d\"", "a; b=\"unterminated", "a b", "a;b=1 c", "\"a\""})
    void rejectsMalformedHeaders(String header) {
        assertThrows(IllegalArgumentException.class, () -> ExtensionConfig.parse(header));
    }

    @Test
    void rendersHeaderValue() {
        ExtensionConfig c = ExtensionConfig.of("permessage-deflate",
                ExtensionParameter.of("server_no_context_takeover"), ExtensionParameter.of("client_max_window_bits", "9"));
        assertEquals("permessage-deflate; server_no_context_takeover; client_max_window_bits=9", c.toString());
        assertEquals(List.of(c), ExtensionConfig.parse(c.toString()));
        assertEquals("a, b; x", ExtensionConfig.toHeaderValue(List.of(ExtensionConfig.of("a"),
                ExtensionConfig.of("b", ExtensionParameter.of("x")))));
    }
}
