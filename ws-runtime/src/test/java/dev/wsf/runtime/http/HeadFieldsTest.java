package dev.wsf.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeadFieldsTest {
    private static final String HEAD = "GET /chat?room=a HTTP/1.1\r\n"
            + "Host: example.com\r\n"
            + "X-Multi: one\r\n"
            + "x-multi:two\r\n"
            + "X-Tabs: \t inner\tvalue \t\r\n"
            + "X-Empty:\r\n"
            + "X-Multi-Suffix: not this one\r\n"
            + "X-Latin: caf\u00e9\r\n"
            + "\r\n";

    private static byte[] bytes(String head) {
        return head.getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "host", "X-MULTI", "x-tabs", "X-Empty", "X-Latin", "X-Multi-Suffix", "Missing",
            "X-Mult", "GET /chat?room=a HTTP/1.1", ""})
    void answersWhatTheParsedHeadersAnswer(String name) throws HttpException {
        Headers parsed = HttpRequestHead.parse(bytes(HEAD)).headers();
        assertEquals(parsed.first(name), HeadFields.first(bytes(HEAD), name));
        assertEquals(parsed.all(name), HeadFields.all(bytes(HEAD), name));
    }

    @Test
    void findsRepeatedFieldsInOrderIgnoringCase() {
        assertEquals(List.of("one", "two"), HeadFields.all(bytes(HEAD), "X-Multi"));
        assertEquals("one", HeadFields.first(bytes(HEAD), "x-MULTI"));
        assertEquals("inner\tvalue", HeadFields.first(bytes(HEAD), "X-Tabs"));
        assertEquals("", HeadFields.first(bytes(HEAD), "X-Empty"));
        assertEquals("caf\u00e9", HeadFields.first(bytes(HEAD), "X-Latin"));
    }

    @Test
    void linesEndedByALoneLineFeedAreFieldsToo() throws HttpException {
        byte[] head = bytes("GET / HTTP/1.1\nHost: h\nA: 1\n\n");
        HttpRequestHead.parse(head); // the parser accepts it, so the scan must read it alike
        assertEquals("h", HeadFields.first(head, "Host"));
        assertEquals(List.of("1"), HeadFields.all(head, "a"));
    }

    @Test
    void theRequestLineIsNoField() {
        byte[] head = bytes("GET /Host:x HTTP/1.1\r\nA: 1\r\n\r\n");
        assertNull(HeadFields.first(head, "GET /Host"));
        assertEquals(List.of(), HeadFields.all(head, "Host"));
    }
}
