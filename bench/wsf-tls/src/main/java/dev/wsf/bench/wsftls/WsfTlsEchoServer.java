package dev.wsf.bench.wsftls;

import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.config.TlsConfig;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.samples.echo.EchoSample;
import java.nio.file.Path;

/**
 * wsf's echo sample served over TLS, for the benchmark's TLS rows:
 * {@code java -cp <this>:<ws-samples classes and classpath> -Dtls.keystore=FILE.p12 -Dtls.password=PW
 * dev.wsf.bench.wsftls.WsfTlsEchoServer PORT}.
 *
 * <p>The same endpoint and defaults as {@code Samples echo} ({@link EchoSample#start}), on
 * 127.0.0.1, with {@code ServerConfig.tls(...)} on the JDK's provider, TLS 1.3 only. It stands
 * in until the echo sample reads {@code -Dtls.keystore} itself; {@code run.sh} builds it with
 * {@code javac} against the classpath it already builds for the sample.
 */
public final class WsfTlsEchoServer {

    private WsfTlsEchoServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[args.length - 1]);
        String keyStore = System.getProperty("tls.keystore");
        if (keyStore == null) {
            throw new IllegalArgumentException("-Dtls.keystore=FILE.p12 is required");
        }
        TlsConfig tls = TlsConfig.builder()
                .keyStore(Path.of(keyStore), System.getProperty("tls.password", "").toCharArray())
                .protocols("TLSv1.3")
                .build();
        WebSocketServer server = EchoSample.start(ServerConfig.builder().host("127.0.0.1").port(port).tls(tls).build());
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
        System.out.println("wsf echo sample, TLS (JDK provider)");
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.currentThread().join();   // serve until the JVM is stopped
    }
}
