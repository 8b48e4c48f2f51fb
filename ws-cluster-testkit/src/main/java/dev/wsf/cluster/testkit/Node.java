package dev.wsf.cluster.testkit;

import dev.wsf.api.Session;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.endpoint.Dispatch;
import dev.wsf.api.endpoint.EndpointDefinition;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.api.topic.TopicBus;
import dev.wsf.runtime.WebSocketServer;
import java.net.URI;
import java.nio.ByteBuffer;

/**
 * One wsf server of a cluster: at {@code /t/{topic}} a session subscribes to the topic when it
 * opens and publishes every message it sends to it.
 */
public final class Node implements AutoCloseable {
    public final TopicBus bus;
    public final WebSocketServer server;

    /** A server on a free loopback port, with {@code bus}, started. */
    public Node(TopicBus bus) {
        this.bus = bus;
        EndpointDefinition endpoint = EndpointDefinition.builder("/t/{topic}", request -> new EndpointHandler() {
            @Override
            public void onOpen(Session s) {
                s.subscribe(topic(s));
            }

            @Override
            public void onText(Session s, String message) {
                s.topics().publish(topic(s), message);
            }

            @Override
            public void onBinary(Session s, ByteBuffer message) {
                s.topics().publish(topic(s), message);
            }
        }).dispatch(Dispatch.IO_THREAD).build();
        this.server = WebSocketServer.builder()
                .config(ServerConfig.builder().host("127.0.0.1").port(0).topicBus(bus).build())
                .endpoint(endpoint)
                .build()
                .start();
    }

    private static String topic(Session s) {
        return s.pathParameters().get("topic");
    }

    /** The address of a topic on this node: any name, percent-encoded into the path. */
    public URI uri(String topic) {
        String segment = java.net.URLEncoder.encode(topic, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return URI.create("ws://127.0.0.1:" + server.port() + "/t/" + segment);
    }

    @Override
    public void close() {
        server.stop();
    }
}
