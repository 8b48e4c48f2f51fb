package dev.wsf.bench.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelMatchers;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.Version;
import java.util.HashMap;
import java.util.Map;

/**
 * Netty 4.2 as the fan-out benchmark's server:
 * {@code java [-Dtransport=epoll|nio] [-Dfanout.flush=each|burst] -cp netty-epoll-echo.jar
 * dev.wsf.bench.netty.NettyFanoutServer PORT}.
 *
 * <p>Every WebSocket on {@code /fanout} joins a {@link ChannelGroup} when its handshake
 * completes. The publisher is the connection on {@code /control}: its {@code burst K SIZE}
 * command builds each message once, copies it into one direct buffer in one
 * {@link TextWebSocketFrame}, and hands that frame to
 * {@code group.writeAndFlush(frame, ChannelMatchers.all(), true)}, on the event loop (where the
 * command arrives): the group writes a retained duplicate of the one frame to every channel,
 * with void promises (no future per channel), and releases the original. With
 * {@code -Dfanout.flush=burst} it calls {@code group.write(frame, ChannelMatchers.all(), true)}
 * for each message of a burst and {@code group.flush()} once after the last, as a Netty
 * application that knows it publishes several messages at once would. Each channel's
 * encoder still writes a frame header for it, and with permessage-deflate each channel compresses
 * the message with its own deflater: Netty has no way to share a compressed frame.
 *
 * <p>permessage-deflate: Netty's {@link WebSocketServerCompressionHandler} with its defaults
 * (level 6, server keeps its context), for the clients that offer it. One event loop, as in the
 * echo server. Control commands and replies are listed in the load client ({@code FanoutControl}).
 */
public final class NettyFanoutServer {

    private static final AttributeKey<Boolean> CONTROL = AttributeKey.valueOf("fanout.control");

    private NettyFanoutServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[args.length - 1]);
        boolean epoll = switch (System.getProperty("transport", "nio")) {
            case "nio" -> false;
            case "epoll" -> true;
            default -> throw new IllegalArgumentException("-Dtransport must be nio or epoll");
        };
        if (epoll && !Epoll.isAvailable()) {
            throw new IllegalStateException("-Dtransport=epoll but the native epoll transport is unavailable",
                    Epoll.unavailabilityCause());
        }
        boolean flushOnce = switch (System.getProperty("fanout.flush", "each")) {
            case "each" -> false;
            case "burst" -> true;
            default -> throw new IllegalArgumentException("-Dfanout.flush must be each or burst");
        };
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, io);
        try {
            ChannelGroup subscribers = new DefaultChannelGroup("subscribers", loop.next());
            Channel server = new ServerBootstrap()
                    .group(loop)
                    .channel(channel)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childHandler(new Initializer(new FanoutHandler(subscribers, flushOnce)))
                    .bind("127.0.0.1", port)
                    .sync()
                    .channel();
            System.out.println("netty " + Version.identify().values().stream().map(Version::artifactVersion).findFirst()
                    .orElse("?") + ", transport " + (epoll ? "epoll" : "nio")
                    + (flushOnce ? ", fanout ChannelGroup.write per message, flush per burst"
                            : ", fanout ChannelGroup.writeAndFlush") + ", permessage-deflate per connection");
            System.out.println("READY " + port);
            server.closeFuture().sync();
        } finally {
            loop.shutdownGracefully();
        }
    }

    private static final class Initializer extends ChannelInitializer<SocketChannel> {
        private final WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)            // /fanout and /control
                .allowExtensions(true)            // permessage-deflate for the subscribers that offer it
                .maxFramePayloadLength(1 << 20)
                .handshakeTimeoutMillis(30_000)
                .build();
        private final FanoutHandler fanout;

        Initializer(FanoutHandler fanout) {
            this.fanout = fanout;
        }

        @Override
        protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            p.addLast(new HttpServerCodec());
            p.addLast(new HttpObjectAggregator(8192));
            p.addLast(new WebSocketServerCompressionHandler(1 << 20));
            p.addLast(new WebSocketServerProtocolHandler(config));
            p.addLast(fanout);
        }
    }

    /** Sorts connections into subscribers and the control connection, and runs the control's commands. */
    @Sharable
    private static final class FanoutHandler extends ChannelInboundHandlerAdapter {
        private final ChannelGroup subscribers;
        private final boolean flushOnce;
        private final Map<Integer, FanoutMessages> messages = new HashMap<>(); // event loop only
        private long nextSeq; // event loop only

        FanoutHandler(ChannelGroup subscribers, boolean flushOnce) {
            this.subscribers = subscribers;
            this.flushOnce = flushOnce;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete hc) {
                if (hc.requestUri().startsWith("/control")) {
                    ctx.channel().attr(CONTROL).set(true);
                } else {
                    subscribers.add(ctx.channel()); // leaves the group by itself when it closes
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof TextWebSocketFrame text && Boolean.TRUE.equals(ctx.channel().attr(CONTROL).get())) {
                    String reply;
                    try {
                        reply = command(ctx, text.text().trim().split(" "));
                    } catch (RuntimeException e) {
                        reply = "error " + e;
                    }
                    ctx.writeAndFlush(new TextWebSocketFrame(reply), ctx.voidPromise());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private String command(ChannelHandlerContext ctx, String[] f) {
            return switch (f[0]) {
                case "state" -> "state " + System.nanoTime() + " " + nextSeq + " " + subscribers.size();
                case "burst" -> burst(ctx, Integer.parseInt(f[1]), Integer.parseInt(f[2]));
                case "stats" -> stats();
                default -> "error unknown command: " + String.join(" ", f);
            };
        }

        private String burst(ChannelHandlerContext ctx, int k, int size) {
            FanoutMessages m = messages.computeIfAbsent(size, FanoutMessages::new);
            long first = nextSeq;
            int handed = Integer.MAX_VALUE;
            for (int i = 0; i < k; i++) {
                byte[] bytes = m.message(nextSeq++, System.nanoTime());
                ByteBuf content = ctx.alloc().directBuffer(bytes.length).writeBytes(bytes);
                handed = Math.min(handed, subscribers.size());
                // One frame for all: the group writes a retained duplicate to each channel and releases this one.
                TextWebSocketFrame frame = new TextWebSocketFrame(content);
                if (flushOnce) {
                    subscribers.write(frame, ChannelMatchers.all(), true);
                } else {
                    subscribers.writeAndFlush(frame, ChannelMatchers.all(), true);
                }
            }
            if (flushOnce) {
                subscribers.flush();
            }
            return "published " + first + " " + k + " " + handed;
        }

        /** Subscribers with bytes waiting in their outbound buffer, and those bytes. */
        private String stats() {
            long backlogged = 0;
            long bytes = 0;
            for (Channel ch : subscribers) {
                ChannelOutboundBuffer out = ch.unsafe().outboundBuffer();
                long b = out == null ? 0 : out.totalPendingWriteBytes();
                if (b > 0) {
                    backlogged++;
                    bytes += b;
                }
            }
            return "stats " + subscribers.size() + " " + backlogged + " " + bytes;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // the load client resets its connections when it is done
        }
    }
}
