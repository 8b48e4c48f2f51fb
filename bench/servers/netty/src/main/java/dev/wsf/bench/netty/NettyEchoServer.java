package dev.wsf.bench.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * Netty 4.2 WebSocket echo server for the benchmark: {@code java -jar netty-echo.jar PORT}.
 *
 * <p>Idiomatic Netty: HTTP codec, aggregator for the upgrade request, Netty's own
 * {@link WebSocketServerProtocolHandler} (handshake, ping/close handling, UTF-8 validation),
 * then {@link EchoFrameHandler}. NIO transport, so the comparison with wsf's NIO engine is
 * like-for-like. One event loop serves both accept and I/O: the process is pinned to one core,
 * and a second loop thread could only add context switches.
 */
public final class NettyEchoServer {

    /** Large enough for the 16 KiB binary messages with room to spare. */
    private static final int MAX_FRAME_PAYLOAD = 1 << 20;

    private NettyEchoServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9001;
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap()
                    .group(loop)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childHandler(new Initializer())
                    .bind("127.0.0.1", port)
                    .sync()
                    .channel();
            System.out.println("READY " + port);
            server.closeFuture().sync();
        } finally {
            loop.shutdownGracefully();
        }
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

        @Override
        protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            p.addLast(new HttpServerCodec());
            p.addLast(new HttpObjectAggregator(8192));
            p.addLast(new WebSocketServerProtocolHandler(config));
            p.addLast(echo);
        }
    }
}
