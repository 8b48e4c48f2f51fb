package dev.wsf.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.Session;
import dev.wsf.api.config.ConnectOptions;
import dev.wsf.api.endpoint.EndpointHandler;
import dev.wsf.runtime.WebSocketClient;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.testkit.Eventually;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What filling a room costs, counted as the members receive it. A join sends the joiner the
 * list of those already there, once, and everyone one short event, so it costs bytes linear in
 * the room's size. (When every event carried the member list, this fill sent 25.5 MB instead of
 * 1.3 MB, and the last join 373 KB instead of 12.6 KB: each join cost the room its size squared.)
 */
class ChatRoomCostTest {
    private static final int MEMBERS = 200;

    private WebSocketServer server;
    private WebSocketClient client;

    /** One member's side: the text messages it received and their UTF-8 bytes. */
    private static final class Member implements EndpointHandler {
        final AtomicLong messages = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        volatile int firstBytes;
        volatile int largestAfterFirst;

        @Override
        public void onText(Session session, String message) {
            int size = message.getBytes(StandardCharsets.UTF_8).length;
            if (messages.get() == 0) {
                firstBytes = size; // the member list
            } else {
                largestAfterFirst = Math.max(largestAfterFirst, size);
            }
            bytes.addAndGet(size);
            messages.incrementAndGet(); // last: a reader that sees the count sees the bytes
        }
    }

    @BeforeEach
    void start() {
        server = ChatSample.start(ChatSample.settings().host("127.0.0.1").port(0).build(),
                ChatAccounts.sharedToken("t0k"));
        client = WebSocketClient.create();
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
    }

    @Test
    void aJoinCostsTheRoomBytesLinearInItsSize() throws Exception {
        URI room = URI.create("ws://127.0.0.1:" + server.port() + "/chat/stadium?name=");
        ConnectOptions chat = ConnectOptions.builder().subprotocols(ChatEndpoint.SUBPROTOCOL, "token.t0k").build();
        List<Member> members = new ArrayList<>();
        long beforeLastJoin = 0;
        for (int i = 0; i < MEMBERS; i++) {
            if (i == MEMBERS - 1) {
                beforeLastJoin = received(members);
            }
            Member m = new Member();
            members.add(m);
            client.connect(URI.create(room + String.format("fan%03d", i)), m, chat).get(10, TimeUnit.SECONDS);
            // Each join is delivered to everyone before the next: member k has its list and the
            // joins of k..i.
            int joined = i + 1;
            Eventually.until(Duration.ofSeconds(30), () -> allReceived(members, joined),
                    () -> "join " + joined + " reached everyone");
        }
        long lastJoin = received(members) - beforeLastJoin;
        long total = received(members);
        long messages = members.stream().mapToLong(m -> m.messages.get()).sum();
        int list = members.get(MEMBERS - 1).firstBytes; // the longest list: 199 names
        int event = members.stream().mapToInt(m -> m.largestAfterFirst).max().orElseThrow();
        String figures = String.format("a room of %d: %d messages, %d bytes in all; the last join %d bytes"
                + " (a list of %d bytes, events of at most %d)", MEMBERS, messages, total, lastJoin, list, event);

        assertEquals(MEMBERS + MEMBERS * (MEMBERS + 1) / 2, messages, "a list each and one event per join and member");
        assertTrue(list < MEMBERS * 16, "the list is about a name per member: " + figures);
        assertTrue(event < 64, "an event holds no list: " + figures);
        assertTrue(lastJoin <= list + (long) MEMBERS * event, "a join costs O(n): " + figures);
        assertTrue(total <= (long) MEMBERS * (list + (long) MEMBERS * event), "filling costs O(n²): " + figures);
        System.out.println("ChatRoomCostTest: " + figures);
    }

    private static long received(List<Member> members) {
        return members.stream().mapToLong(m -> m.bytes.get()).sum();
    }

    private static boolean allReceived(List<Member> members, int joins) {
        for (int k = 0; k < members.size(); k++) {
            if (members.get(k).messages.get() != 1 + joins - k) {
                return false;
            }
        }
        return true;
    }
}
