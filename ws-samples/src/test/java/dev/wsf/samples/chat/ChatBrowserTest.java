package dev.wsf.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.config.ServerConfig;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.samples.support.SampleTls;
import dev.wsf.testkit.PeerProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two headless Chromium pages log in and chat through the sample's own page, served by the
 * sample, and a third with a wrong token shows the 401 (interop/node/chat-two-pages.mjs), over
 * http:// + ws:// and over https:// + wss://. Needs {@code bash .ci/install-test-deps}.
 */
@Tag("interop")
class ChatBrowserTest {
    private static final ChatAccounts ACCOUNTS = ChatAccounts.sharedToken("t0k");

    @Test
    void twoPagesExchangeMessages() throws Exception {
        // The sample's settings as they are: the page's origin is the server's own, which the
        // default origin policy accepts.
        WebSocketServer server = ChatSample.start(ChatSample.settings().host("127.0.0.1").port(0).build(), ACCOUNTS);
        try {
            PeerProcess.Result result = PeerProcess.run(
                    PeerProcess.node("chat-two-pages.mjs", "http://127.0.0.1:" + server.port() + "/",
                            "--timeout", "90", "--token", "t0k"), 120);
            assertEquals(0, result.exitCode(), "failed steps: " + result.failures() + "\nall: " + result.lines());
            assertTrue(result.last().contains("\"ok\":true") && result.last().contains("\"passed\":8"), result.last());
        } finally {
            server.stop();
        }
    }

    /**
     * What {@code -Dsample=chat -Dtls=true} serves: the page over https://, which then opens
     * wss://. Chromium trusts the throwaway certificate by its public key and no other
     * certificate error is ignored (the next test shows it).
     */
    @Test
    void twoPagesExchangeMessagesOverHttpsAndWss() throws Exception {
        SampleTls tls = SampleTls.throwaway();
        WebSocketServer server = ChatSample.start(
                ChatSample.settings().host("127.0.0.1").port(0).tls(tls.server()).build(), ACCOUNTS);
        try {
            PeerProcess.Result result = PeerProcess.run(PeerProcess.node("chat-two-pages.mjs",
                    "https://127.0.0.1:" + server.port() + "/", "--timeout", "90", "--token", "t0k",
                    "--trust-spki", tls.spkiSha256()), 120);
            assertEquals(0, result.exitCode(), "failed steps: " + result.failures() + "\nall: " + result.lines());
            assertTrue(result.last().contains("\"ok\":true") && result.last().contains("\"passed\":8"), result.last());
        } finally {
            server.stop();
        }
    }

    /** Told to trust another certificate's key, Chromium refuses the sample's certificate. */
    @Test
    void chromiumRefusesACertificateItWasNotToldToTrust() throws Exception {
        SampleTls tls = SampleTls.throwaway();
        String otherKey = SampleTls.throwaway().spkiSha256();
        WebSocketServer server = ChatSample.start(
                ChatSample.settings().host("127.0.0.1").port(0).tls(tls.server()).build(), ACCOUNTS);
        try {
            PeerProcess.Result result = PeerProcess.run(PeerProcess.node("chat-two-pages.mjs",
                    "https://127.0.0.1:" + server.port() + "/", "--timeout", "60", "--token", "t0k",
                    "--trust-spki", otherKey), 90);
            assertEquals(1, result.exitCode(), result.lines().toString());
            assertTrue(result.last().contains("net::ERR_CERT_AUTHORITY_INVALID"), result.last());
        } finally {
            server.stop();
        }
    }
}
