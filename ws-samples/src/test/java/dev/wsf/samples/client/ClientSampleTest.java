package dev.wsf.samples.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.CloseReason;
import dev.wsf.api.config.ConnectOptions;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.samples.chat.ChatAccounts;
import dev.wsf.samples.chat.ChatSample;
import dev.wsf.samples.echo.EchoSample;
import dev.wsf.samples.support.SampleTls;
import dev.wsf.testkit.JdkClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console client sample against the echo and chat samples, in-process and as its own JVM. */
class ClientSampleTest {

    private static WebSocketServer echo;
    private static WebSocketServer chat;

    @BeforeAll
    static void startServers() {
        echo = EchoSample.start(ServerConfig.builder().host("127.0.0.1").port(0).build());
        chat = ChatSample.start(ChatSample.settings().host("127.0.0.1").port(0).build(), ChatAccounts.sharedToken("t0k"));
    }

    @AfterAll
    static void stopServers() {
        echo.stop();
        chat.stop();
    }

    @Test
    void sendsEachLineAndPrintsEveryReplyBeforeTheClose() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CloseReason reason = ClientSample.run(URI.create("ws://127.0.0.1:" + echo.port() + "/echo"),
                ConnectOptions.defaults(), new StringReader("hello\nh\u00e9llo w\u00f6rld\nlast\n"), print(out));
        assertEquals(1000, reason.code());
        List<String> lines = lines(out);
        assertTrue(lines.get(0).startsWith("connected to ws://127.0.0.1:" + echo.port() + "/echo"), lines.toString());
        // "last" was sent right before the close: its echo must still arrive.
        assertEquals(List.of("< hello", "< h\u00e9llo w\u00f6rld", "< last", "closed: 1000"), lines.subList(1, lines.size()));
    }

    @Test
    void talksToTheChatSampleWithItsSubprotocol() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // bob is in the room to hear ann's join and line. Ann closes right after posting, so her own
        // copies of both may not come back: the room's topic delivers them on the I/O thread,
        // possibly after ann's close has been answered, and a closing session takes no more
        // messages. The member list is sent to her directly, before she joins the topic.
        try (JdkClient bob = JdkClient.connect("ws://127.0.0.1:" + chat.port() + "/chat/lobby?name=bob", "chat.v1", "token.t0k")
                .skipPings()) {
            assertTrue(bob.nextText().contains("\"members\""));
            assertTrue(bob.nextText().contains("bob joined"));
            CloseReason reason = ClientSample.run(URI.create("ws://127.0.0.1:" + chat.port() + "/chat/lobby?name=ann"),
                    ConnectOptions.builder().subprotocols("chat.v1", "token.t0k").build(), new StringReader("{\"text\":\"hi all\"}\n"),
                    print(out));
            assertEquals(1000, reason.code());
            List<String> lines = lines(out);
            assertTrue(lines.get(0).contains("subprotocol chat.v1"), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("< ") && l.contains("\"members\"") && l.contains("bob")),
                    lines.toString());
            assertEquals("{\"type\":\"join\",\"user\":\"ann\",\"text\":\"ann joined\"}", bob.nextText());
            assertEquals("{\"type\":\"message\",\"user\":\"ann\",\"text\":\"hi all\"}", bob.nextText());
        }
    }

    @Test
    void stopsSendingWhenTheServerCloses() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // Logged in but without chat.v1: the chat endpoint closes at once with 1008; the lines are not all sent.
        CloseReason reason = ClientSample.run(URI.create("ws://127.0.0.1:" + chat.port() + "/chat/lobby?name=bob"),
                ConnectOptions.builder().subprotocols("token.t0k").build(), new StringReader("{\"text\":\"1\"}\n".repeat(1000)), print(out));
        assertEquals(1008, reason.code(), lines(out).toString());
    }

    /** The one-command form: no -Durl, so it starts the echo sample itself; lines come from stdin. */
    @Test
    void mainTalksToItsOwnEchoServerFromStandardInput() throws Exception {
        String output = runMain("ping?\n");
        assertTrue(output.contains("started the echo sample at ws://127.0.0.1:"), output);
        assertTrue(output.contains("\n< ping?\nclosed: 1000\n"), output);
    }

    /** {@code -Dtls=true} without {@code -Durl}: its own echo server serves wss://, and the client trusts it. */
    @Test
    void mainTalksToItsOwnEchoServerOverTls(@TempDir Path tmp) throws Exception {
        String output = runMain("secret?\n", "-Dtls=true", "-Djava.io.tmpdir=" + tmp);
        assertTrue(output.contains("TLS: generated a throwaway self-signed certificate"), output);
        assertTrue(output.contains("started the echo sample at wss://127.0.0.1:"), output);
        assertTrue(output.contains("\n< secret?\nclosed: 1000\n"), output);
    }

    /** {@code -Dtls.trust=FILE}: the certificate a server sample printed, trusted for {@code -Durl=wss://...}. */
    @Test
    void mainTrustsTheCertificateFileItIsGiven() throws Exception {
        SampleTls tls = SampleTls.throwaway();
        WebSocketServer secure = EchoSample.start(ServerConfig.builder().host("127.0.0.1").port(0).tls(tls.server()).build());
        try {
            String url = "wss://localhost:" + secure.port() + "/echo";
            String output = runMain("trusted?\n", "-Durl=" + url, "-Dtls.trust=" + tls.trustFile());
            assertTrue(output.contains("connected to " + url), output);
            assertTrue(output.contains("\n< trusted?\nclosed: 1000\n"), output);

            // Without it the JDK's trust store decides, which has never heard of this certificate.
            ExecutionException refused = assertThrows(ExecutionException.class, () -> ClientSample.run(URI.create(url),
                    ConnectOptions.defaults(), new StringReader("never sent\n"), print(new ByteArrayOutputStream())));
            assertTrue(refused.getCause().getMessage().contains("not trusted"), refused.getCause().getMessage());
        } finally {
            secure.stop();
        }
    }

    /** Runs the client sample as its own JVM with {@code input} on stdin; returns what it printed. */
    private static String runMain(String input, String... properties) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(properties));
        command.addAll(List.of("dev.wsf.samples.Samples", "client"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the client should exit at the end of its input");
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), output);
            return output;
        } finally {
            process.destroyForcibly();
        }
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private static List<String> lines(ByteArrayOutputStream out) throws IOException {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
