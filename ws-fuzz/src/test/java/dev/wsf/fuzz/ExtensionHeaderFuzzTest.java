package dev.wsf.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wsf.api.extension.ExtensionConfig;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the {@code Sec-WebSocket-Extensions} parser that both handshakes use. The input is the
 * header values, one per line, decoded as ISO-8859-1 as the HTTP head parser decodes them.
 *
 * <p>Properties: only {@link IllegalArgumentException} comes out; whatever parses renders, with
 * {@link ExtensionConfig#toHeaderValue}, to a value that parses back to the same list (what a
 * server does when it answers with the configs it accepted); rendering is then stable.
 */
class ExtensionHeaderFuzzTest {

    @FuzzTest
    void headerValues(byte[] input) {
        List<String> values = Arrays.asList(new String(input, StandardCharsets.ISO_8859_1).split("\n", -1));
        List<ExtensionConfig> parsed;
        try {
            parsed = ExtensionConfig.parse(values);
        } catch (IllegalArgumentException e) {
            return;
        }
        String rendered = ExtensionConfig.toHeaderValue(parsed);
        List<ExtensionConfig> reparsed;
        try {
            reparsed = ExtensionConfig.parse(rendered);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("rendered " + parsed + " as '" + rendered + "', which does not parse", e);
        }
        if (!reparsed.equals(parsed)) {
            throw new AssertionError("'" + rendered + "' parses to " + reparsed + ", not " + parsed);
        }
        if (!ExtensionConfig.toHeaderValue(reparsed).equals(rendered)) {
            throw new AssertionError("rendering is not stable: '" + rendered + "'");
        }
    }
}
