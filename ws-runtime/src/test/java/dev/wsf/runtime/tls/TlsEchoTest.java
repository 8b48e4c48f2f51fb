package dev.wsf.runtime.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.Session;
import dev.wsf.api.config.ClientConfig;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.config.TlsConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.testkit.tls.CertificateAuthority;
import dev.wsf.testkit.tls.Credential;
import dev.wsf.testkit.tls.TestCertificates;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** wss:// end to end: our client and server over TLS, with a test CA the client trusts. */
class TlsEchoTest {
    @TempDir
    static Path dir;
    static CertificateAuthority ca;
    static WebSocketServer server;
    static WebSocketClient client;

    @BeforeAll
    static void start() {
        ca = TestCertificates.newAuthority();
        Credential.PemPaths pem = ca.issue().writePem(dir, "server");
        TlsConfig tls = TlsConfig.builder().pem(pem.certificates(), pem.privateKey()).build();
        EndpointDefinition ioEcho = EndpointDefinition.builder("/io", r -> new Echo()).dispatch(Dispatch.IO_THREAD).build();
        EndpointDefinition workerEcho = EndpointDefinition.builder("/worker", r -> new Echo()).build();
        server = WebSocketServer.builder()
                .config(ServerConfig.builder().host("127.0.0.1").port(0).tls(tls).build())
                .endpoint(ioEcho).endpoint(workerEcho).build().start();
        client = WebSocketClient.create(ClientConfig.builder()
                .tls(TlsConfig.builder().trustedCertificates(ca.writeCertificate(dir.resolve("ca.pem"))).build()).build());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.stop();
    }

    static final class Echo implements EndpointHandler {
        @Override
        public void onText(Session s, String message) {
            s.sendText(message);
        }

        @Override
        public void onBinary(Session s, ByteBuffer message) {
            s.sendBinary(message);
        }
    }

    static final class Received implements EndpointHandler {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();

        @Override
        public void onText(Session s, String message) {
            messages.add(message);
        }

        @Override
        public void onBinary(Session s, ByteBuffer message) {
            messages.add(ByteBuffer.allocate(message.remaining()).put(message).flip());
        }

        Object next() throws InterruptedException {
            Object m = messages.poll(10, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("nothing received within 10 s");
            }
            return m;
        }
    }

    @ParameterizedTest
    @EnumSource(Dispatch.class)
    void echoesTextAndLargeBinaryOverTls(Dispatch dispatch) throws Exception {
        String path = dispatch == Dispatch.IO_THREAD ? "/io" : "/worker";
        Received received = new Received();
        URI uri = URI.create("wss://localhost:" + server.port() + path);
        Session s = client.connect(uri, received).get(10, TimeUnit.SECONDS);
        s.sendText("hello over TLS");
        assertEquals("hello over TLS", received.next());
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(1).nextBytes(big);
        s.sendBinary(ByteBuffer.wrap(big));
        ByteBuffer echoed = (ByteBuffer) received.next();
        assertEquals(ByteBuffer.wrap(big), echoed);
        for (int i = 0; i < 200; i++) {
            s.sendText("pipelined " + i);
        }
        for (int i = 0; i < 200; i++) {
            assertEquals("pipelined " + i, received.next());
        }
        assertTrue(s.tls().isPresent(), "the client session knows it runs over TLS");
        assertEquals("TLSv1.3", s.tls().get().protocol());
        assertEquals("localhost", s.tls().get().serverName().orElseThrow());
        assertEquals(URI.create("wss://localhost:" + server.port() + path), s.requestUri());
        s.closeAndAwait(new dev.wsf.api.CloseReason(1000, "bye"));
    }
}
