package dev.wsf.runtime.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.testkit.tls.CertificateAuthority;
import dev.wsf.testkit.tls.CertificateSpec;
import dev.wsf.testkit.tls.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * The fuzzer must be able to fail a server. These tests run cases against {@link BadPeer}, a tiny
 * server that is wrong in one chosen way, and check that the verdict is the one Autobahn gives
 * that mistake; a well-behaved run against the same peer checks that the fuzzer is not simply
 * failing everything.
 */
class FuzzerSelfTest {
    private static final Map<String, FuzzCase> CASES = List.of("1", "2", "3", "6", "7").stream()
            .flatMap(c -> Catalog.category(c).stream())
            .collect(Collectors.toMap(c -> c.id, Function.identity()));

    private static final CertificateAuthority CA = TestCertificates.newAuthority();
    private static final SSLContext SERVER_TLS = TestCertificates.withKey(CA.issue());

    private static Fuzzer run(String caseId, BadPeer.Mistakes mistakes) throws IOException {
        try (BadPeer peer = new BadPeer(mistakes, null)) {
            return Fuzzer.run(CASES.get(caseId), peer.address());
        }
    }

    /** Over TLS: the peer presents {@code server}'s certificate, the fuzzer trusts what {@code client} trusts. */
    private static Fuzzer runTls(String caseId, BadPeer.Mistakes mistakes, SSLContext server, SSLContext client)
            throws IOException {
        try (BadPeer peer = new BadPeer(mistakes, server)) {
            return Fuzzer.run(CASES.get(caseId), peer.address(), client);
        }
    }

    @Test
    void aPeerThatEchoesAndClosesProperlyPasses() throws IOException {
        for (String id : List.of("1.1.1", "1.2.6", "2.1", "2.10", "6.2.3", "7.1.1", "7.3.4")) {
            Fuzzer f = run(id, BadPeer.Mistakes.NONE);
            assertTrue(f.passed(), f::summary);
            assertEquals(Outcome.OK, f.behavior, f::summary);
        }
    }

    @Test
    void echoingAFrameWithReservedBitsFailsByTheWrongEndpoint() throws IOException {
        Fuzzer f = run("3.1", BadPeer.Mistakes.NONE); // the peer validates nothing and echoes RSV = 1
        assertEquals(Outcome.FAILED, f.behaviorClose, f::summary);
        assertTrue(f.closedByMe, "the fuzzer had to fail the connection itself");
        assertFalse(f.passed());
    }

    @Test
    void notDetectingInvalidUtf8FailsTheCase() throws IOException {
        for (String id : List.of("6.3.1", "6.20.1", "6.8.1")) {
            Fuzzer f = run(id, BadPeer.Mistakes.NONE); // echoed back: the fuzzer itself fails with 1007
            assertEquals(Outcome.FAILED, f.behavior, f::summary);
            assertFalse(f.passed());
        }
    }

    @Test
    void unansweredPingsFail() throws IOException {
        Fuzzer f = run("2.2", BadPeer.Mistakes.NO_PONGS);
        assertEquals(Outcome.FAILED, f.behavior, f::summary);
        assertEquals(Outcome.OK, f.behaviorClose, "the close itself was fine: " + f.summary());
    }

    @Test
    void keepingTcpOpenAfterTheCloseHandshakeIsUnclean() throws IOException {
        Fuzzer f = run("2.1", BadPeer.Mistakes.KEEPS_TCP_OPEN); // the fuzzer waits 1 s for the drop, then drops
        assertEquals(Outcome.UNCLEAN, f.behaviorClose, f::summary);
        assertTrue(f.droppedByMe);
        assertFalse(f.passed());
        // With a case timer that fires first (killAfter(1) from the open), Autobahn drops the
        // connection itself while the handshake counts as clean: FAILED BY CLIENT.
        Fuzzer g = run("7.3.3", BadPeer.Mistakes.KEEPS_TCP_OPEN);
        assertEquals(Outcome.FAILED_BY_CLIENT, g.behaviorClose, g::summary);
        assertFalse(g.passed());
    }

    @Test
    void answeringACloseWithAnotherCodeIsAWrongCode() throws IOException {
        Fuzzer f = run("7.3.3", BadPeer.Mistakes.CLOSES_WITH_1001);
        assertEquals(Outcome.WRONG_CODE, f.behaviorClose, f::summary);
        assertEquals(Outcome.FAILED, f.behavior, "7.x turns a wrong code into a failed case");
        assertEquals(1001, f.remoteCloseCode);
    }

    @Test
    void notFailingOnAProtocolErrorLetsTheFuzzerFailIt() throws IOException {
        Fuzzer f = run("2.5", BadPeer.Mistakes.NONE); // a 126-byte ping is answered instead of failing
        assertFalse(f.passed(), f::summary);
        assertTrue(f.failedByMe, "the case's own timer (or the oversized pong) made the fuzzer fail it");
    }

    @Test
    void overTlsAPeerThatEchoesAndClosesProperlyPasses() throws IOException {
        for (String id : List.of("1.1.1", "1.2.6", "2.1", "2.10", "6.2.3", "7.1.1", "7.3.4")) {
            Fuzzer f = runTls(id, BadPeer.Mistakes.NONE, SERVER_TLS, CA.trustingOnly());
            assertTrue(f.passed(), f::summary);
            assertEquals(Outcome.OK, f.behavior, f::summary);
            assertTrue(f.overTls());
            assertTrue(f.tlsParameters.startsWith("TLS"), f.tlsParameters);
        }
    }

    @Test
    void overTlsTheSameMistakesGetTheSameVerdicts() throws IOException {
        // The end of a TLS stream (close_notify, then TCP's end) must read as the end of a plain one.
        Fuzzer open = runTls("2.1", BadPeer.Mistakes.KEEPS_TCP_OPEN, SERVER_TLS, CA.trustingOnly());
        assertEquals(Outcome.UNCLEAN, open.behaviorClose, open::summary);
        assertTrue(open.droppedByMe);
        Fuzzer timer = runTls("7.3.3", BadPeer.Mistakes.KEEPS_TCP_OPEN, SERVER_TLS, CA.trustingOnly());
        assertEquals(Outcome.FAILED_BY_CLIENT, timer.behaviorClose, timer::summary);
        Fuzzer code = runTls("7.3.3", BadPeer.Mistakes.CLOSES_WITH_1001, SERVER_TLS, CA.trustingOnly());
        assertEquals(Outcome.WRONG_CODE, code.behaviorClose, code::summary);
        Fuzzer pongs = runTls("2.2", BadPeer.Mistakes.NO_PONGS, SERVER_TLS, CA.trustingOnly());
        assertEquals(Outcome.FAILED, pongs.behavior, pongs::summary);
        assertEquals(Outcome.OK, pongs.behaviorClose, pongs::summary);
    }

    @Test
    void overTlsAServerTheFuzzerDoesNotTrustFailsTheOpeningHandshake() throws IOException {
        SSLContext otherCa = TestCertificates.newAuthority().trustingOnly();
        Fuzzer f = runTls("1.1.1", BadPeer.Mistakes.NONE, SERVER_TLS, otherCa);
        assertFalse(f.passed());
        assertTrue(f.result.startsWith("opening handshake failed"), f::summary);
    }

    @Test
    void overTlsACertificateForAnotherNameFailsTheOpeningHandshake() throws IOException {
        // Trusted, and valid for 127.0.0.1 where TCP goes, but not for the name the fuzzer checks.
        CertificateSpec otherName = CertificateSpec.localhost().withDnsNames("example.com");
        SSLContext elsewhere = TestCertificates.withKey(CA.issue(otherName));
        Fuzzer f = runTls("1.1.1", BadPeer.Mistakes.NONE, elsewhere, CA.trustingOnly());
        assertFalse(f.passed());
        assertTrue(f.result.startsWith("opening handshake failed"), f::summary);
    }

    /**
     * A minimal, deliberately sloppy WebSocket server: it completes the handshake, echoes every
     * data frame as it came (without any validation), answers pings and close frames, and closes
     * TCP after the close handshake, each unless told to make a particular mistake. Over TLS when
     * given a server context (closing its socket then sends close_notify before TCP's end).
     */
    static final class BadPeer implements AutoCloseable {
        enum Mistakes { NONE, NO_PONGS, KEEPS_TCP_OPEN, CLOSES_WITH_1001 }

        private final ServerSocket listener;
        private final Mistakes mistakes;
        private final Thread acceptor;

        BadPeer(Mistakes mistakes, SSLContext tls) throws IOException {
            this.mistakes = mistakes;
            this.listener = tls == null ? new ServerSocket(0, 4, InetAddress.getLoopbackAddress())
                    : tls.getServerSocketFactory().createServerSocket(0, 4, InetAddress.getLoopbackAddress());
            this.acceptor = new Thread(this::serve, "bad-peer");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        }

        private void serve() {
            try (Socket s = listener.accept()) {
                s.setSoTimeout(15_000);
                DataInputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                handshake(in, out);
                while (true) {
                    int b0 = in.readUnsignedByte();
                    int b1 = in.readUnsignedByte();
                    long len = b1 & 0x7F;
                    if (len == 126) {
                        len = in.readUnsignedShort();
                    } else if (len == 127) {
                        len = in.readLong();
                    }
                    byte[] mask = new byte[4];
                    if ((b1 & 0x80) != 0) {
                        in.readFully(mask);
                    }
                    byte[] payload = new byte[(int) len];
                    in.readFully(payload);
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= mask[i & 3];
                    }
                    int opcode = b0 & 0xF;
                    if (opcode == 0x8) {
                        byte[] reply = mistakes == Mistakes.CLOSES_WITH_1001 ? new byte[] {0x03, (byte) 0xE9} : payload;
                        out.write(frame(0x88, reply));
                        out.flush();
                        if (mistakes == Mistakes.KEEPS_TCP_OPEN) {
                            while (in.read() >= 0) {
                                // wait for the client to give up
                            }
                        }
                        return;
                    } else if (opcode == 0x9) {
                        if (mistakes != Mistakes.NO_PONGS) {
                            out.write(frame(0x8A, payload));
                        }
                    } else if (opcode != 0xA) {
                        out.write(frame(b0, payload)); // whatever it was, as it was
                    }
                    out.flush();
                }
            } catch (EOFException e) {
                // the client went away
            } catch (IOException e) {
                // closed
            }
        }

        private static void handshake(DataInputStream in, OutputStream out) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                head.write(in.readUnsignedByte());
            }
            String key = head.toString(StandardCharsets.ISO_8859_1).lines()
                    .filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow();
            String accept;
            try {
                accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                        .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        private static byte[] frame(int b0, byte[] payload) {
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write(b0);
            if (payload.length < 126) {
                f.write(payload.length);
            } else if (payload.length <= 0xFFFF) {
                f.write(126);
                f.write(payload.length >> 8);
                f.write(payload.length);
            } else {
                f.write(127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    f.write((int) ((long) payload.length >> shift));
                }
            }
            f.writeBytes(payload);
            return f.toByteArray();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
