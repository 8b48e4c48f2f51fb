package dev.wsf.bench.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.Version;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;

/**
 * Netty 4.2 WebSocket echo server for the benchmark: {@code java [-D...] -jar netty-echo.jar PORT}.
 *
 * <p>Idiomatic Netty: HTTP codec, aggregator for the upgrade request, Netty's own
 * {@link WebSocketServerProtocolHandler} (handshake, ping/close handling, UTF-8 validation),
 * then {@link EchoFrameHandler}. One event loop serves both accept and I/O: the process is pinned
 * to one core, and a second loop thread could only add context switches.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code -Dtransport=nio|epoll} (default nio). {@code epoll} needs the native library,
 *       which only the {@code netty-epoll-echo.jar} build carries; the server refuses to start
 *       rather than fall back silently;</li>
 *   <li>{@code -Dtls.keystore=FILE.p12 -Dtls.password=PW}: serve {@code wss://} with the JDK's
 *       TLS provider ({@link SslProvider#JDK}), TLS 1.3 only.</li>
 * </ul>
 */
public final class NettyEchoServer {

    /** Large enough for the 16 KiB binary messages with room to spare. */
    private static final int MAX_FRAME_PAYLOAD = 1 << 20;

    private NettyEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[args.length - 1]) : 9001;
        boolean epoll = switch (System.getProperty("transport", "nio")) {
            case "nio" -> false;
            case "epoll" -> true;
            default -> throw new IllegalArgumentException("-Dtransport must be nio or epoll");
        };
        if (epoll && !Epoll.isAvailable()) {
            throw new IllegalStateException("-Dtransport=epoll but the native epoll transport is unavailable",
                    Epoll.unavailabilityCause());
        }
        SslContext tls = tlsContext();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, io);
        try {
            Channel server = new ServerBootstrap()
                    .group(loop)
                    .channel(channel)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childHandler(new Initializer(tls))
                    .bind("127.0.0.1", port)
                    .sync()
                    .channel();
            System.out.println("netty " + version()
                    + ", transport " + (epoll ? "epoll" : "nio") + (tls != null ? ", TLS (JDK provider)" : ""));
            System.out.println("READY " + port);
            server.closeFuture().sync();
        } finally {
            loop.shutdownGracefully();
        }
    }

    /** Netty's version as its jars record it (the shaded jar keeps one of their version files). */
    private static String version() {
        return Version.identify().values().stream().map(Version::artifactVersion).findFirst().orElse("?");
    }

    /** The server's TLS context from {@code -Dtls.keystore}, or null for plain {@code ws://}. */
    private static SslContext tlsContext() throws Exception {
        String file = System.getProperty("tls.keystore");
        if (file == null) {
            return null;
        }
        char[] password = System.getProperty("tls.password", "").toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        return SslContextBuilder.forServer(keys)
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3")
                .build();
    }

    private static final class Initializer extends ChannelInitializer<SocketChannel> {
        private final WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)            // accept any path, like the other servers
                .allowExtensions(false)           // no permessage-deflate: compression is benchmarked apart
                .maxFramePayloadLength(MAX_FRAME_PAYLOAD)
                .handshakeTimeoutMillis(30_000)
                .build();
        private final EchoFrameHandler echo = new EchoFrameHandler();
        private final SslContext tls;

        Initializer(SslContext tls) {
            this.tls = tls;
        }

        @Override
        protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            if (tls != null) {
                p.addLast(tls.newHandler(ch.alloc()));
            }
            p.addLast(new HttpServerCodec());
            p.addLast(new HttpObjectAggregator(8192));
            p.addLast(new WebSocketServerProtocolHandler(config));
            p.addLast(echo);
        }
    }
}
