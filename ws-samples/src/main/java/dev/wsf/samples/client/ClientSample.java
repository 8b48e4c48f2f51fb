package dev.wsf.samples.client;

import dev.wsf.annotated.AnnotatedEndpoints;
import dev.wsf.api.CloseReason;
import dev.wsf.api.Session;
import dev.wsf.api.WebSocketException;
import dev.wsf.api.config.ConnectOptions;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.config.TlsConfig;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.samples.echo.EchoSample;
import dev.wsf.samples.support.SampleAddress;
import dev.wsf.samples.support.SampleTls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A console WebSocket client: sends each line typed as a text message and prints what comes back,
 * through the annotated {@link ConsoleEndpoint}. {@code -Durl=ws://...} (or {@code wss://}) picks
 * the server; without it the sample starts the echo sample on a free port and talks to that, over
 * TLS with the server samples' TLS switches ({@code -Dtls=true}: a throwaway certificate, which it
 * then trusts). {@code -Dtls.trust=FILE} trusts the PEM certificates in FILE instead of the JDK's
 * trust store, e.g. the throwaway certificate a server sample printed. {@code -Dsubprotocols=a,b}
 * offers subprotocols, e.g. {@code chat.v1,token.T} to talk to the chat sample (logged in with token T).
 */
public final class ClientSample {
    private static final long TIMEOUT_SECONDS = 10;

    private ClientSample() {
    }

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("url");
        String trust = System.getProperty("tls.trust");
        ConnectOptions.Builder options = ConnectOptions.builder();
        WebSocketServer echo = null;
        if (url == null) {
            Optional<SampleTls> tls = SampleTls.fromSystemProperties();
            ServerConfig.Builder config = ServerConfig.builder().host("127.0.0.1").port(0);
            tls.ifPresent(t -> config.tls(t.server()));
            echo = EchoSample.start(config.build());
            SampleAddress address = SampleAddress.of(echo, tls);
            url = address.ws("/echo");
            options = address.connectOptions(); // with TLS: trusting exactly the echo server's certificate
            tls.ifPresent(t -> t.notes().forEach(System.out::println));
            System.out.println("No -Durl=ws://... given: started the echo sample at " + url);
        } else if (trust != null) {
            options.tls(TlsConfig.builder().trustedCertificates(Path.of(trust)).build());
        }
        System.out.println("Type lines to send; end with Ctrl-D to close.");
        try {
            String subprotocols = System.getProperty("subprotocols", "");
            if (!subprotocols.isBlank()) {
                options.subprotocols(subprotocols.split(","));
            }
            run(URI.create(url), options.build(), new InputStreamReader(System.in, StandardCharsets.UTF_8), System.out);
        } catch (ExecutionException e) {
            String why = String.valueOf(e.getCause().getMessage());
            System.out.println("could not connect to " + url + ": " + why);
            if (why.contains("not trusted") && trust == null) {
                System.out.println("A sample's throwaway certificate? Trust it with -Dtls.trust=FILE, the file it printed.");
            }
        } finally {
            if (echo != null) {
                echo.stop();
            }
        }
    }

    /**
     * Connects to {@code uri}, sends every line of {@code input} as a text message, then closes
     * normally and waits for the close handshake to end. Stops sending early if the server closes.
     *
     * @return how the connection closed
     */
    public static CloseReason run(URI uri, ConnectOptions options, Reader input, PrintStream out)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        ConsoleEndpoint endpoint = new ConsoleEndpoint(out);
        try (WebSocketClient client = WebSocketClient.create()) {
            Session session = client.connect(uri, AnnotatedEndpoints.client(endpoint), options)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            BufferedReader lines = new BufferedReader(input);
            for (String line = lines.readLine(); line != null && session.isOpen(); line = lines.readLine()) {
                try {
                    session.sendTextAndAwait(line);
                } catch (WebSocketException e) {
                    break; // the server closed meanwhile; the endpoint prints why
                }
            }
            session.close(CloseReason.NORMAL);
            // Replies to the last lines arrive before the server's close frame, so none is lost.
            return endpoint.closed().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
