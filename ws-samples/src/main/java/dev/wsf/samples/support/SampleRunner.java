package dev.wsf.samples.support;

import dev.wsf.api.config.ServerConfig;
import dev.wsf.runtime.WebSocketServer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * What every sample's {@code main} does around its server: read {@code -Dhost}, {@code -Dport}
 * and the TLS switches ({@link SampleTls}), print where to go, then serve until Ctrl-C.
 *
 * <p>The last line printed once the server listens is {@code READY <port>}, so scripts (the
 * end-to-end benchmark) can wait for it and read the port, which matters with {@code -Dport=0}.
 */
public final class SampleRunner {
    /** Loopback by default: a sample is not meant to be reachable from the network. */
    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;

    /**
     * The server settings a sample starts with, and its TLS if the command line asked for it.
     *
     * @param config the sample's settings, listening where {@code -Dhost} and {@code -Dport} say, over TLS with {@code -Dtls}
     * @param tls    the TLS the main listener serves, if any
     */
    public record Listening(ServerConfig config, Optional<SampleTls> tls) {
        /** Where {@code server}, started with {@link #config()}, is reached. */
        public SampleAddress address(WebSocketServer server) {
            return SampleAddress.of(server, tls);
        }
    }

    private SampleRunner() {
    }

    /**
     * The sample's settings, listening where {@code -Dhost} and {@code -Dport} say, with
     * {@code wss://} if {@code -Dtls=true} or a certificate file is given.
     */
    public static Listening listen(ServerConfig.Builder sampleSettings) {
        Optional<SampleTls> tls = SampleTls.fromSystemProperties();
        tls.ifPresent(t -> sampleSettings.tls(t.server()));
        ServerConfig config = sampleSettings
                .host(System.getProperty("host", DEFAULT_HOST))
                .port(Integer.parseInt(System.getProperty("port", Integer.toString(DEFAULT_PORT))))
                .build();
        return new Listening(config, tls);
    }

    /**
     * Prints the sample's instructions (given its address to build URLs from), what a client needs
     * to trust with TLS, and {@code READY <port>}, then blocks until the JVM is asked to stop,
     * stopping the server first.
     */
    public static void serveUntilStopped(WebSocketServer server, Listening listening,
            Function<SampleAddress, List<String>> instructions) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "sample-shutdown"));
        PrintStream out = System.out;
        SampleAddress address = listening.address(server);
        listening.tls().ifPresent(tls -> tls.notes().forEach(out::println));
        instructions.apply(address).forEach(out::println);
        listening.tls().ifPresent(tls -> trustNotes(tls, address).forEach(out::println));
        out.println("Stop with Ctrl-C.");
        out.println("READY " + server.port());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How curl, Python, the client sample and Chromium trust the sample's certificate. */
    static List<String> trustNotes(SampleTls tls, SampleAddress address) {
        String file = tls.trustFile().toString();
        List<String> notes = new ArrayList<>();
        notes.add("TLS: clients must trust " + file + ", e.g. curl --cacert " + file + " " + address.http("/"));
        notes.add("TLS: Python: SSL_CERT_FILE=" + file + "; the client sample: -Dsample=client -Dtls.trust=" + file
                + " -Durl=" + address.ws("/PATH"));
        if (tls.isThrowaway()) {
            notes.add("TLS: browsers warn about a self-signed certificate; Chromium trusts this one and no other when"
                    + " started with --user-data-dir=DIR --ignore-certificate-errors-spki-list=" + tls.spkiSha256());
        }
        return notes;
    }
}
