package dev.wsf.samples.chat;

import dev.wsf.annotated.AnnotatedEndpoints;
import dev.wsf.annotated.codec.JsonCodec;
import dev.wsf.annotated.spi.SimpleInstanceProvider;
import dev.wsf.api.config.ServerConfig;
import dev.wsf.runtime.WebSocketServer;
import dev.wsf.samples.support.ClasspathPages;
import dev.wsf.samples.support.MetricsPage;
import dev.wsf.samples.support.SampleCluster;
import dev.wsf.samples.support.SampleRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chat rooms: the {@link ChatEndpoint} on {@code /chat/{room}}, and the page that uses it,
 * served over plain HTTP from the same port, with the server's metrics in Prometheus's format at
 * {@value MetricsPage#PATH}. {@code -Dchat.maxMembers=N} sets the size of a room (default
 * {@value ChatRooms#DEFAULT_MAX_MEMBERS}); who may log in, see {@link ChatAccounts#fromSystemProperties()}.
 * {@code -Dcluster=redis://host:port} (or {@code nats://host:port}) joins the rooms of every chat
 * server started with the same broker: lines, joins and leaves cross servers; the member list is
 * each server's own.
 */
public final class ChatSample {
    private ChatSample() {
    }

    /**
     * The sample's server settings. The heartbeat pings every session every 15 s and drops one
     * that has not answered by the next ping: that finds peers that vanished without a close
     * (a laptop lid shut, a network gone), and the traffic keeps proxies and NATs from cutting
     * quiet connections. Browsers answer pings by themselves. The metrics go to a Prometheus
     * registry of the server's own, which {@link #start} serves at {@value MetricsPage#PATH}.
     */
    public static ServerConfig.Builder settings() {
        return ServerConfig.builder().heartbeatInterval(Duration.ofSeconds(15)).metrics(MetricsPage.prometheus());
    }

    /** With rooms of {@value ChatRooms#DEFAULT_MAX_MEMBERS} members, open to whom {@code accounts} admit. */
    public static WebSocketServer start(ServerConfig config, ChatAccounts accounts) {
        return start(config, ChatRooms.DEFAULT_MAX_MEMBERS, accounts);
    }

    /** With rooms of at most {@code maxMembers}; a join to a full room is closed with 1013. */
    public static WebSocketServer start(ServerConfig config, int maxMembers, ChatAccounts accounts) {
        // One mapper for every direction: the annotation layer reads ChatPosts and publishes
        // ChatEvents with it, the rooms write the member list with it.
        ObjectMapper json = JsonMapper.builder().build();
        var endpoints = AnnotatedEndpoints.builder()
                .instanceProvider(SimpleInstanceProvider.builder()
                        .bind(ChatRooms.class, new ChatRooms(json, maxMembers))
                        .bind(ChatAccounts.class, accounts).build()) // for ChatLogin, the endpoint's authenticator
                .json(JsonCodec.of(json))
                .add(ChatEndpoint.class)
                .build();
        return WebSocketServer.builder()
                .config(config)
                .endpoints(endpoints)
                .httpHandler(MetricsPage.serving(config.metrics(), new LoginCheck(new ChatLogin(accounts))
                        .orElse(ClasspathPages.load(ChatSample.class, "index.html", "chat.js"))))
                .build()
                .start();
    }

    public static void main(String[] args) {
        Optional<SampleCluster> cluster = SampleCluster.fromSystemProperties();
        ServerConfig.Builder settings = settings();
        cluster.ifPresent(c -> c.applyTo(settings));
        SampleRunner.Listening listening = SampleRunner.listen(settings);
        int maxMembers = Integer.getInteger("chat.maxMembers", ChatRooms.DEFAULT_MAX_MEMBERS);
        ChatAccounts accounts = ChatAccounts.fromSystemProperties();
        WebSocketServer server = start(listening.config(), maxMembers, accounts);
        SampleRunner.serveUntilStopped(server, listening, at -> {
            List<String> lines = new ArrayList<>(List.of(
                    "Chat: open " + at.http("/") + " in two browser tabs, pick a name each and the same room, and chat.",
                    "The page speaks JSON over " + at.ws("/chat/ROOM?name=NAME") + " with subprotocol "
                            + ChatEndpoint.SUBPROTOCOL + "; a room takes " + maxMembers + " members (-Dchat.maxMembers=N).",
                    "Metrics, in Prometheus's text format: " + at.http(MetricsPage.PATH),
                    "Login: " + accounts.describe() + " (-Dtoken=T: one token for all; -Dchat.users=ann:T1,bob:T2: a user"
                            + " list). The page offers the token as subprotocol " + ChatLogin.TOKEN_PREFIX + "T."));
            cluster.ifPresent(c -> lines.addAll(c.notes()));
            cluster.ifPresent(c -> lines.add("Cluster: start another one with -Dport=N and the same -Dcluster, and chat"
                    + " between tabs on either; the member list and /who show this server's members only."));
            return lines;
        });
    }
}
