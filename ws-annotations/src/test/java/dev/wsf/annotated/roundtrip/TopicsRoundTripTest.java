package dev.wsf.annotated.roundtrip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsf.annotated.AnnotatedEndpoints;
import dev.wsf.api.Session;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.OnOpen;
import dev.wsf.api.annotation.PathParam;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.api.Topics;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.testkit.Eventually;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Topics from annotated endpoints: a Topics parameter, and objects published as JSON. */
class TopicsRoundTripTest {
    private static WebSocketServer server;

    public record Post(String text) {
    }

    public record Line(String room, String text) {
    }

    /** Rooms as topics: joining subscribes, a post goes to the room as a JSON line. */
    @Endpoint(path = "/rooms/{room}")
    public static class Rooms {
        @OnOpen
        public void open(Session session, Topics topics, @PathParam("room") String room) {
            topics.subscribe(session, room);
            session.sendText("joined " + room);
        }

        @OnMessage
        public void post(Post post, Topics topics, @PathParam("room") String room) {
            topics.publishObject(room, new Line(room, post.text()));
        }
    }

    @BeforeAll
    static void start() {
        server = WebSocketServer.builder()
                .config(ServerConfig.builder().host("127.0.0.1").port(0).ioThreads(2).build())
                .endpoints(AnnotatedEndpoints.define(Rooms.class)).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    @Test
    void aPostReachesEveryoneInTheRoomAsJsonAndNobodyElse() throws Exception {
        try (Peer ann = Peer.connect(uri("/rooms/lobby"));
             Peer bob = Peer.connect(uri("/rooms/lobby"));
             Peer cy = Peer.connect(uri("/rooms/kitchen"))) {
            assertEquals("joined lobby", ann.nextText());
            assertEquals("joined lobby", bob.nextText());
            assertEquals("joined kitchen", cy.nextText());
            ann.socket.sendText("{\"text\":\"hi all\"}", true).join();
            assertEquals("{\"room\":\"lobby\",\"text\":\"hi all\"}", ann.nextText());
            assertEquals("{\"room\":\"lobby\",\"text\":\"hi all\"}", bob.nextText());
            cy.socket.sendText("{\"text\":\"kitchen only\"}", true).join();
            assertEquals("{\"room\":\"kitchen\",\"text\":\"kitchen only\"}", cy.nextText());
            ann.socket.sendText("{\"text\":\"again\"}", true).join();
            assertEquals("{\"room\":\"lobby\",\"text\":\"again\"}", bob.nextText(),
                    "bob got nothing from the kitchen in between");
        }
    }

    @Test
    void codeOutsideCallbacksPublishesObjectsAsJson() throws Exception {
        try (Peer ann = Peer.connect(uri("/rooms/news"))) {
            assertEquals("joined news", ann.nextText());
            Topics topics = AnnotatedEndpoints.topics(server.topics());
            Eventually.until(Duration.ofSeconds(5), () -> topics.subscriberCount("news") == 1, () -> "not subscribed");
            assertEquals(1, topics.publishObject("news", new Line("news", "from a timer")));
            assertEquals("{\"room\":\"news\",\"text\":\"from a timer\"}", ann.nextText());
        }
    }
}
