package dev.wsf.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ServerConfig#fromProperties} and {@link ServerConfig#fromEnvironment}: one naming scheme,
 * every setting applied, errors that name the key, and the README's table listing every setting.
 */
class ServerSettingsTest {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;

    @TempDir
    Path dir;

    private static ServerConfig props(String... keyValues) {
        return ServerConfig.fromProperties(map(keyValues), "wsf.").build();
    }

    private static ServerConfig env(String... keyValues) {
        return ServerConfig.builder().applyEnvironment(map(keyValues)).build();
    }

    private static Map<String, String> map(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void everyOperatorSettingFromProperties() {
        ServerConfig c = props("wsf.host", "127.0.0.1", "wsf.port", "9000", "wsf.io-threads", "3", "wsf.backlog", "50",
                "wsf.handshake-timeout", "3s", "wsf.idle-timeout", "5m", "wsf.close-timeout", "1500ms",
                "wsf.heartbeat-interval", "PT20S", "wsf.heartbeat-timeout", "1h", "wsf.max-message-size", "1MiB",
                "wsf.max-text-message-size", "64KiB", "wsf.max-frame-size", "16k", "wsf.max-handshake-size", "4096",
                "wsf.max-buffered-output", "2m", "wsf.memory-budget", "1GiB", "wsf.disabled-extensions",
                "permessage-deflate, x-other", "wsf.max-connections", "1000", "wsf.max-connections-per-address", "20",
                "wsf.max-handshakes", "100", "wsf.retry-after", "30s", "wsf.trusted-proxies", "10.0.0.0/8, 192.168.1.1",
                "wsf.proxy-protocol", "TRUE", "wsf.access-log", "true");
        assertEquals("127.0.0.1", c.host());
        assertEquals(9000, c.port());
        assertEquals(3, c.ioThreads());
        assertEquals(50, c.backlog());
        assertEquals(Duration.ofSeconds(3), c.handshakeTimeout());
        assertEquals(Duration.ofMinutes(5), c.idleTimeout());
        assertEquals(Duration.ofMillis(1500), c.closeTimeout());
        assertEquals(Duration.ofSeconds(20), c.heartbeatInterval());
        assertEquals(Duration.ofHours(1), c.heartbeatTimeout());
        assertEquals(64 * KIB, c.maxTextMessageSize(), "the specific size wins over max-message-size");
        assertEquals(MIB, c.maxBinaryMessageSize());
        assertEquals(16 * KIB, c.maxFrameSize());
        assertEquals(4096, c.maxHandshakeSize());
        assertEquals(2 * MIB, c.maxBufferedOutput());
        assertEquals(1024 * MIB, c.memoryBudget());
        assertEquals(Set.of("permessage-deflate", "x-other"), c.disabledExtensions());
        ConnectionLimits l = c.limits();
        assertEquals(1000, l.maxConnections());
        assertEquals(20, l.maxConnectionsPerAddress());
        assertEquals(100, l.maxHandshakes());
        assertEquals(Duration.ofSeconds(30), l.retryAfter());
        assertEquals(List.of("10.0.0.0/8", "192.168.1.1"), l.trustedProxies());
        assertTrue(l.proxyProtocol());
        assertTrue(c.accessLog());
    }

    @Test
    void theEnvironmentUsesTheSameNamesInUpperCase() {
        ServerConfig c = env("WSF_PORT", "8081", "WSF_MAX_CONNECTIONS_PER_ADDRESS", "7", "WSF_IDLE_TIMEOUT", "0",
                "WSF_ALLOWED_ORIGINS", "https://app.example.com", "PATH", "/usr/bin", "WSF_CHROMIUM", "/usr/bin/chromium");
        assertEquals(8081, c.port());
        assertEquals(7, c.limits().maxConnectionsPerAddress());
        assertEquals(Duration.ZERO, c.idleTimeout());
        assertEquals(List.of("WSF_PORT", "WSF_TLS_CERT", "WSF_MAX_CONNECTIONS_PER_ADDRESS", "WSF_TLS_KEY_PASSWORD"),
                List.of(setting("port").environmentName(), setting("tls.cert").environmentName(),
                        setting("max-connections-per-address").environmentName(),
                        setting("tls.key-password").environmentName()));
    }

    @Test
    void absentSettingsKeepTheDefaultsAndWhatCodeSet() {
        ConnectionLimits fromCode = ConnectionLimits.builder().maxConnections(5).trustedProxies("10.0.0.1").build();
        ServerConfig c = ServerConfig.builder().port(7000).limits(fromCode)
                .applyEnvironment(map("WSF_MAX_HANDSHAKES", "3")).build();
        assertEquals(7000, c.port());
        assertEquals(5, c.limits().maxConnections());
        assertEquals(List.of("10.0.0.1"), c.limits().trustedProxies());
        assertEquals(3, c.limits().maxHandshakes());
        assertEquals(ServerConfig.defaults().handshakeTimeout(), c.handshakeTimeout());
        assertEquals(ServerConfig.defaults().limits(), props().limits());
    }

    @Test
    void propertiesOverTheEnvironment() {
        Properties system = new Properties();
        system.setProperty("wsf.port", "9999");
        system.setProperty("java.home", "/jdk");
        ServerConfig c = ServerConfig.builder().applyEnvironment(map("WSF_PORT", "8000", "WSF_HOST", "::1"))
                .applyProperties(system, "wsf.").build();
        assertEquals(9999, c.port());
        assertEquals("::1", c.host());
    }

    @Test
    void originsSameOriginAnyOrAList() {
        assertTrue(props("wsf.allowed-origins", "*").originPolicy().allows(withOrigin("https://x.example")));
        OriginPolicy list = props("wsf.allowed-origins", "https://a.example, https://b.example").originPolicy();
        assertTrue(list.allows(withOrigin("https://b.example")));
        assertFalse(list.allows(withOrigin("https://c.example")));
        assertFalse(props("wsf.allowed-origins", "same-origin").originPolicy()
                .allows(withOrigin("https://c.example")));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiterString = " | ", value = {
        "wsf.port | eighty | wsf.port: 'eighty' is not a whole number from 0 to 65535",
        "wsf.port | 70000 | wsf.port: '70000' is out of range 0-65535",
        "wsf.io-threads | 0 | wsf.io-threads: '0' is not a positive whole number",
        "wsf.max-connections | -1 | wsf.max-connections: '-1' is not a positive whole number",
        "wsf.idle-timeout | 30 | wsf.idle-timeout: '30' is not a duration: a number with a unit: 500ms, 10s",
        "wsf.close-timeout | 10 sec | wsf.close-timeout: '10 sec' is not a duration",
        "wsf.close-timeout | 0 | wsf.close-timeout: closeTimeout must be positive: PT0S",
        "wsf.max-frame-size | 4MB | wsf.max-frame-size: '4MB' is not a size",
        "wsf.max-frame-size | lots | wsf.max-frame-size: 'lots' is not a size: bytes, or with a unit: 64KiB",
        "wsf.proxy-protocol | yes | wsf.proxy-protocol: 'yes' is not true or false",
        "wsf.tls.cert | /no/such/cert.pem | wsf.tls.cert: no readable file /no/such/cert.pem",
        "wsf.prot | 80 | wsf.prot is not a setting; did you mean wsf.port?",
        "wsf.max-conections | 80 | wsf.max-conections is not a setting; did you mean wsf.max-connections?"})
    void badValuesFailNamingTheKey(String key, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> props(key, value));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void environmentErrorsNameTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env("WSF_PORT", "x"));
        assertTrue(e.getMessage().startsWith("WSF_PORT: 'x' is not a whole number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> env("WSF_PROT", "80"));
        assertEquals("WSF_PROT is not a setting; did you mean WSF_PORT?", e.getMessage());
    }

    @Test
    void aSecretIsNeverEchoed() throws IOException {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        Path key = Files.writeString(dir.resolve("key.pem"), "x");
        ServerConfig c = props("wsf.tls.cert", cert.toString(), "wsf.tls.key", key.toString(),
                "wsf.tls.key-password", "hunter2");
        assertEquals(new String(c.listeners().get(0).tls().orElseThrow().pem().orElseThrow().keyPassword()), "hunter2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> props("wsf.tls.key-password", "hunter2"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void tlsFromPemFilesOrAKeyStore() throws IOException {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        Path key = Files.writeString(dir.resolve("key.pem"), "x");
        Path store = Files.writeString(dir.resolve("server.p12"), "x");
        ServerConfig pem = env("WSF_TLS_CERT", cert.toString(), "WSF_TLS_KEY", key.toString(),
                "WSF_TLS_WATCH_INTERVAL", "1m");
        TlsConfig tls = pem.listeners().get(0).tls().orElseThrow();
        assertEquals(cert, tls.pem().orElseThrow().certificateChain());
        assertEquals(key, tls.pem().orElseThrow().privateKey());
        assertEquals(Duration.ofMinutes(1), tls.watchInterval());
        ServerConfig p12 = props("wsf.tls.keystore", store.toString(), "wsf.tls.keystore-password", "changeit");
        assertEquals(store, p12.listeners().get(0).tls().orElseThrow().keyStore().orElseThrow().path());
        assertTrue(props().listeners().get(0).tls().isEmpty(), "plain without TLS settings");
    }

    @Test
    void tlsSettingsThatDoNotGoTogetherFail() throws IOException {
        String cert = Files.writeString(dir.resolve("cert.pem"), "x").toString();
        String store = Files.writeString(dir.resolve("server.p12"), "x").toString();
        assertEquals("WSF_TLS_CERT is set, so WSF_TLS_KEY must be too",
                assertThrows(IllegalArgumentException.class, () -> env("WSF_TLS_CERT", cert)).getMessage());
        assertEquals("wsf.tls.key is set, so wsf.tls.cert must be too",
                assertThrows(IllegalArgumentException.class, () -> props("wsf.tls.key", cert)).getMessage());
        assertEquals("set either wsf.tls.cert and wsf.tls.key, or wsf.tls.keystore, not both",
                assertThrows(IllegalArgumentException.class, () -> props("wsf.tls.cert", cert, "wsf.tls.key", cert,
                        "wsf.tls.keystore", store)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> env("WSF_TLS_WATCH_INTERVAL", "1m"))
                .getMessage().startsWith("TLS settings without key material"));
    }

    @Test
    void anExtensionNamedTwiceIsDisabledOnce() {
        ServerConfig c = ServerConfig.builder().disableExtensions("x-a", "x-b", "x-a").build();
        assertEquals(Set.of("x-a", "x-b"), c.disabledExtensions());
    }

    @Test
    void theReadmeTableListsEverySettingUnderBothNames() throws IOException {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        for (ServerSettings.Setting s : ServerSettings.ALL) {
            String row = "| `wsf." + s.name() + "` | `" + s.environmentName() + "` |";
            assertTrue(text.contains(row), () -> "README.md has no row starting " + row);
        }
    }

    /** A browser's request from {@code origin} to localhost:8080. */
    private static dev.wsf.api.HandshakeRequest withOrigin(String origin) {
        Map<String, List<String>> headers = Map.of("Host", List.of("localhost:8080"), "Origin", List.of(origin));
        return new dev.wsf.api.HandshakeRequest() {
            public String method() { return "GET"; }
            public java.net.URI requestUri() { return java.net.URI.create("ws://localhost:8080/"); }
            public String path() { return "/"; }
            public Map<String, String> pathParameters() { return Map.of(); }
            public Map<String, List<String>> queryParameters() { return Map.of(); }
            public java.util.Optional<String> header(String name) { return headers(name).stream().findFirst(); }
            public List<String> headers(String name) { return headers.getOrDefault(name, List.of()); }
            public Map<String, List<String>> headers() { return headers; }
            public List<String> subprotocols() { return List.of(); }
            public List<dev.wsf.api.extension.ExtensionConfig> extensions() { return List.of(); }
            public java.net.InetSocketAddress remoteAddress() { return new java.net.InetSocketAddress(0); }
        };
    }

    private static ServerSettings.Setting setting(String name) {
        return ServerSettings.ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
