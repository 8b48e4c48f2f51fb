package dev.wsf.runtime.conformance;

import dev.wsf.api.Session;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.config.TlsConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.testkit.tls.CertificateAuthority;
import dev.wsf.testkit.tls.Credential;
import dev.wsf.testkit.tls.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The server under test, set up as Autobahn's test servers are: an echo endpoint (text back as
 * text, binary back as binary) with the default dispatch (or the one named by
 * {@code -Dwsf.conformance.dispatch}), limits of 16 MiB per frame and message
 * so that the 9.x cases fit, and permessage-deflate as discovered by default. Loopback only.
 *
 * <p>Over TLS the same server listens for {@code wss://} only, with a certificate for localhost,
 * 127.0.0.1 and ::1 from a test CA made for this run and read from PEM files, as an application
 * would configure it; {@link #run} hands the fuzzer a context that trusts that CA and nothing else.
 */
final class EchoServer implements AutoCloseable {
    static final long LIMIT = 16L * 1024 * 1024;
    /** The endpoint's dispatch: the default (WORKER), or {@code -Dwsf.conformance.dispatch=IO_THREAD}. */
    static final Dispatch DISPATCH = Dispatch.valueOf(System.getProperty("wsf.conformance.dispatch", "WORKER"));
    static final String SETUP = "wsf WebSocketServer on 127.0.0.1, echo endpoint at /, dispatch " + DISPATCH
            + " (the fast categories also run with IO_THREAD, unreported)"
            + ", maxFrameSize = maxMessageSize = 16 MiB, 2 I/O threads, permessage-deflate with default settings";
    static final String TLS_SETUP = "the same server with a TLS listener only (wss://; the JDK's default TLS"
            + " protocols, so TLS 1.3), an EC P-256 certificate for localhost, 127.0.0.1 and ::1 issued by a test CA"
            + " of this run and read from PEM files; dispatch " + DISPATCH;

    private final WebSocketServer server;
    /** The fuzzer's context over TLS, trusting only the test CA; null for plain TCP. */
    private final SSLContext clientTls;
    private final Path certificates;

    private EchoServer(WebSocketServer server, SSLContext clientTls, Path certificates) {
        this.server = server;
        this.clientTls = clientTls;
        this.certificates = certificates;
    }

    static EchoServer start() {
        return start(DISPATCH, false);
    }

    static EchoServer start(Dispatch dispatch) {
        return start(dispatch, false);
    }

    /** Starts the echo server, serving {@code wss://} instead of {@code ws://} when {@code tls}. */
    static EchoServer start(Dispatch dispatch, boolean tls) {
        ServerConfig.Builder config = ServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .ioThreads(2)
                .maxFrameSize(LIMIT)
                .maxMessageSize(LIMIT);
        SSLContext clientTls = null;
        Path certificates = null;
        if (tls) {
            CertificateAuthority ca = TestCertificates.newAuthority();
            try {
                certificates = Files.createTempDirectory("wsf-conformance-tls");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Credential.PemPaths pem = ca.issue().writePem(certificates, "server");
            config.tls(TlsConfig.builder().pem(pem.certificates(), pem.privateKey()).build());
            clientTls = ca.trustingOnly();
        }
        EndpointDefinition echo = EndpointDefinition.builder("/", request -> new Echo()).dispatch(dispatch).build();
        WebSocketServer server = WebSocketServer.builder().config(config.build()).endpoint(echo).build().start();
        return new EchoServer(server, clientTls, certificates);
    }

    InetSocketAddress address() {
        return server.localAddress();
    }

    boolean tls() {
        return clientTls != null;
    }

    /** Runs {@code c} against this server, over TLS if it serves TLS. */
    Fuzzer run(FuzzCase c) {
        return Fuzzer.run(c, address(), clientTls);
    }

    @Override
    public void close() {
        server.stop();
        if (certificates != null) {
            try (var files = Files.list(certificates)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(certificates);
            } catch (IOException e) {
                // a temporary directory left behind
            }
        }
    }

    /** Sends every message back as it came. */
    static final class Echo implements EndpointHandler {
        @Override
        public void onText(Session session, String message) {
            session.sendText(message);
        }

        @Override
        public void onBinary(Session session, ByteBuffer message) {
            session.sendBinary(message);
        }

        @Override
        public void onError(Session session, Throwable error) {
            // protocol errors are what the cases provoke; the session already closes with the right code
        }
    }
}
