package dev.wsf.runtime.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wsf.runtime.http.HttpHeadReader.StartLine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The head reader fed one byte at a time, as a slow or hostile peer would deliver it. */
class HttpHeadReaderTest {
    private static final String REQUEST = "GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n";
    private static final String RESPONSE = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Feeds one byte per read; returns the head and checks it came exactly with the last byte. */
    private static byte[] readOneByteAtATime(StartLine startLine, byte[] input) throws HttpException {
        HttpHeadReader reader = new HttpHeadReader(startLine, 4096);
        for (int i = 0; i < input.length; i++) {
            byte[] head = reader.read(ByteBuffer.wrap(input, i, 1));
            if (head != null) {
                assertEquals(input.length - 1, i, "the head ended early");
                return head;
            }
        }
        return null;
    }

    /** Feeds one byte per read and returns the failure, checking it came at byte {@code index}. */
    private static HttpException failure(StartLine startLine, byte[] input, int index) {
        HttpHeadReader reader = new HttpHeadReader(startLine, 4096);
        for (int i = 0; i < input.length; i++) {
            try {
                assertNull(reader.read(ByteBuffer.wrap(input, i, 1)), "a head ended at byte " + i);
            } catch (HttpException e) {
                assertEquals(index, i, "failed at the wrong byte: " + e.getMessage());
                return e;
            }
        }
        return fail("no failure over " + input.length + " bytes");
    }

    @Test
    void collectsARequestHeadOneByteAtATime() throws HttpException {
        assertArrayEquals(bytes(REQUEST), readOneByteAtATime(StartLine.REQUEST, bytes(REQUEST)));
    }

    @Test
    void collectsAStatusLineHeadWhoseFirstWordHasASlash() throws HttpException {
        assertArrayEquals(bytes(RESPONSE), readOneByteAtATime(StartLine.STATUS, bytes(RESPONSE)));
        String tabInReason = "HTTP/1.1 101 Switching\tProtocols\r\n\r\n";
        assertArrayEquals(bytes(tabInReason), readOneByteAtATime(StartLine.STATUS, bytes(tabInReason)));
    }

    @Test
    void stopsAtTheBlankLineAndLeavesWhatFollows() throws HttpException {
        byte[] input = bytes(REQUEST + "\u0081\u0000");
        ByteBuffer in = ByteBuffer.wrap(input);
        assertArrayEquals(bytes(REQUEST), new HttpHeadReader(StartLine.REQUEST, 4096).read(in));
        assertEquals(2, in.remaining());
        assertEquals((byte) 0x81, in.get());
    }

    @Test
    void skipsEmptyLinesBeforeTheStartLineAndTakesBareLfAsALineEnd() throws HttpException {
        assertArrayEquals(bytes(REQUEST), readOneByteAtATime(StartLine.REQUEST, bytes("\r\n\n" + REQUEST)));
        String lf = "GET / HTTP/1.1\nHost: x\n\n";
        assertArrayEquals(bytes(lf), readOneByteAtATime(StartLine.REQUEST, bytes(lf)));
    }

    @Test
    void aTlsClientHelloFailsAtItsFirstByte() {
        byte[] clientHello = {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03};
        HttpException e = failure(StartLine.REQUEST, clientHello, 0);
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("TLS"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET / HTTP/1.1\rHost: x\r\r", "GET / HTTP/1.1\r\nHost: x\rUpgrade: websocket\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\n\r\r\n", "\rGET / HTTP/1.1\r\n\r\n"})
    void aCrNotFollowedByLfFailsAtTheByteAfterIt(String input) {
        HttpException e = failure(StartLine.REQUEST, bytes(input), byteAfterBareCr(input));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("CR not followed by LF"), e.getMessage());
    }

    @Test
    void aCrNotFollowedByLfFailsAResponseToo() {
        assertEquals(502, failure(StartLine.STATUS, bytes("HTTP/1.1 101 OK\rUpgrade: x\r\n\r\n"), 16).status());
    }

    private static int byteAfterBareCr(String input) {
        for (int i = 0; i < input.length() - 1; i++) {
            if (input.charAt(i) == '\r' && input.charAt(i + 1) != '\n') {
                return i + 1;
            }
        }
        throw new AssertionError("no bare CR in the input");
    }

    @Test
    void aCrAtTheEndOfTheInputWaitsForTheNextByte() throws HttpException {
        HttpHeadReader reader = new HttpHeadReader(StartLine.REQUEST, 4096);
        assertNull(reader.read(ByteBuffer.wrap(bytes("GET / HTTP/1.1\r"))));
        assertNull(reader.read(ByteBuffer.wrap(bytes("\nHost: x\r"))));
        assertArrayEquals(bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), reader.read(ByteBuffer.wrap(bytes("\n\r\n"))));
    }

    @Test
    void theMethodMustBeATokenEndedBySpace() {
        assertEquals(400, failure(StartLine.REQUEST, bytes("G(T / HTTP/1.1\r\n\r\n"), 1).status());
        failure(StartLine.REQUEST, bytes(" GET / HTTP/1.1\r\n\r\n"), 0);
        failure(StartLine.REQUEST, bytes("GET\r\n\r\n"), 3);
        failure(StartLine.REQUEST, bytes("\u00c9T / HTTP/1.1\r\n\r\n"), 0);
        // a status line is not a request: '/' cannot be in a method
        failure(StartLine.REQUEST, bytes(RESPONSE), 4);
    }

    @Test
    void aStatusLineMustStartWithTheHttpVersion() {
        HttpException e = failure(StartLine.STATUS, bytes("garbage\r\n\r\n"), 0);
        assertEquals(502, e.status());
        assertTrue(e.getMessage().startsWith("malformed status line"), e.getMessage());
        failure(StartLine.STATUS, bytes("http/1.1 101 x\r\n\r\n"), 0);
        failure(StartLine.STATUS, bytes("HTTP 101 x\r\n\r\n"), 4);
        failure(StartLine.STATUS, bytes("HTTP/1.1\r\n\r\n"), 8);
        failure(StartLine.STATUS, bytes("HEAD / HTTP/1.1\r\n\r\n"), 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x09, 0x0b, 0x1b, 0x7f})
    void controlCharactersInTheRequestLineFailAtOnce(int control) {
        String line = "GET /a" + (char) control + "b HTTP/1.1\r\n\r\n";
        HttpException e = failure(StartLine.REQUEST, bytes(line), 6);
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("malformed request line: control character"), e.getMessage());
        String version = "GET /a HTTP/1.1" + (char) control + "\r\n\r\n";
        failure(StartLine.REQUEST, bytes(version), 15);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x1b, 0x7f})
    void controlCharactersInTheReasonPhraseFailAtOnce(int control) {
        failure(StartLine.STATUS, bytes("HTTP/1.1 101 Sw" + (char) control + "itching\r\n\r\n"), 15);
    }

    @Test
    void headerFieldsAreLeftToTheParser() throws HttpException {
        // obs-text and a NUL in a value pass the reader; HeadLines refuses the NUL with a better message
        String head = "GET / HTTP/1.1\r\nX-A: caf\u00e9\r\nX-B: a\u0000b\r\n\r\n";
        assertArrayEquals(bytes(head), readOneByteAtATime(StartLine.REQUEST, bytes(head)));
    }

    @Test
    void theFirstWordIsKnownOnceItsSpaceArrivesEvenIfTheHeadThenFails() throws HttpException {
        HttpHeadReader reader = new HttpHeadReader(StartLine.REQUEST, 4096);
        reader.read(ByteBuffer.wrap(bytes("HEAD")));
        assertNull(reader.firstWord(), "HEAD could still become HEADER");
        reader.read(ByteBuffer.wrap(bytes(" /a")));
        assertEquals("HEAD", reader.firstWord());
        assertThrows(HttpException.class, () -> reader.read(ByteBuffer.wrap(bytes("\u0000"))));
        assertEquals("HEAD", reader.firstWord());
        HttpHeadReader status = new HttpHeadReader(StartLine.STATUS, 4096);
        status.read(ByteBuffer.wrap(bytes(RESPONSE)));
        assertEquals("HTTP/1.1", status.firstWord());
    }

    @Test
    void limitsTheStartLineAndTheHead() {
        byte[] longLine = bytes("GET /" + "a".repeat(100) + " HTTP/1.1\r\n\r\n");
        HttpHeadReader small = new HttpHeadReader(StartLine.REQUEST, 64);
        HttpException e = failureAtTheLimit(small, longLine);
        assertEquals(414, e.status());
        byte[] bigHead = bytes("GET / HTTP/1.1\r\nX: " + "a".repeat(100) + "\r\n\r\n");
        assertEquals(431, failureAtTheLimit(new HttpHeadReader(StartLine.REQUEST, 64), bigHead).status());
        byte[] longStatus = bytes("HTTP/1.1 101 " + "a".repeat(100) + "\r\n\r\n");
        HttpException status = failureAtTheLimit(new HttpHeadReader(StartLine.STATUS, 64), longStatus);
        assertTrue(status.getMessage().startsWith("status line exceeds 64 bytes"), status.getMessage());
    }

    private static HttpException failureAtTheLimit(HttpHeadReader reader, byte[] input) {
        for (int i = 0; i < input.length; i++) {
            try {
                reader.read(ByteBuffer.wrap(Arrays.copyOfRange(input, i, i + 1)));
            } catch (HttpException e) {
                assertEquals(64, i, "the limit is 64 bytes");
                return e;
            }
        }
        return fail("no failure");
    }
}
