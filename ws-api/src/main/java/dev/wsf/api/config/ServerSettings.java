package dev.wsf.api.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server settings an operator changes without touching code, read from properties or the
 * environment by {@link ServerConfig#fromProperties} and {@link ServerConfig#fromEnvironment}.
 * One naming scheme: a setting's name such as {@code tls.cert} is the property
 * {@code <prefix>tls.cert} (usually {@code wsf.tls.cert}) and the environment variable
 * {@code WSF_TLS_CERT} (upper case, dots and dashes as underscores).
 */
final class ServerSettings {
    private static final System.Logger LOG = System.getLogger(ServerSettings.class.getName());
    static final String ENVIRONMENT_PREFIX = "WSF_";

    /**
     * One setting.
     *
     * @param name        its name after the prefix, e.g. {@code max-connections}
     * @param form        what a value looks like, for error messages and the README's table
     * @param description what it sets
     */
    record Setting(String name, String form, String description, BiConsumer<Reading, String> apply) {

        /** The environment variable of this setting. */
        String environmentName() {
            return ENVIRONMENT_PREFIX + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        }
    }

    private static final String SIZE = "bytes, or with a unit: 64KiB, 4MiB, 1GiB";
    private static final String DURATION = "a number with a unit: 500ms, 10s, 5m, 1h (or ISO-8601, PT10S)";
    private static final String COUNT = "a positive whole number";

    /** Every setting, in the order they apply: a general one before the specific ones it covers. */
    static final List<Setting> ALL = List.of(
            new Setting("host", "an address, e.g. 0.0.0.0 or 127.0.0.1", "the address to listen on",
                    (r, v) -> r.builder.host(v)),
            new Setting("port", "0-65535 (0: any free port)", "the port to listen on",
                    (r, v) -> r.builder.port(r.integer(v, 0, 65535))),
            new Setting("io-threads", COUNT, "selector (I/O) threads", (r, v) -> r.builder.ioThreads(r.count(v))),
            new Setting("backlog", COUNT, "the listen backlog", (r, v) -> r.builder.backlog(r.count(v))),
            new Setting("allowed-origins", "same-origin, *, or a comma-separated list of origins",
                    "which browser origins may connect", (r, v) -> r.builder.originPolicy(r.origins(v))),
            new Setting("tls.cert", "a PEM file", "the certificate chain, leaf first: serve wss:// (with tls.key)",
                    (r, v) -> r.tlsCert = r.file(v)),
            new Setting("tls.key", "a PEM file", "the private key of tls.cert (PKCS#8, PKCS#1 or SEC1)",
                    (r, v) -> r.tlsKey = r.file(v)),
            new Setting("tls.key-password", "text", "the password of an encrypted tls.key",
                    (r, v) -> r.tlsKeyPassword = v),
            new Setting("tls.keystore", "a PKCS#12 or JKS file", "key material instead of tls.cert and tls.key",
                    (r, v) -> r.keystore = r.file(v)),
            new Setting("tls.keystore-password", "text", "the password of tls.keystore",
                    (r, v) -> r.keystorePassword = v),
            new Setting("tls.watch-interval", DURATION, "re-read the TLS files this often when they change",
                    (r, v) -> r.tlsWatch = r.duration(v)),
            new Setting("max-connections", COUNT, "open connections in all; more get 503",
                    (r, v) -> r.limits().maxConnections(r.count(v))),
            new Setting("max-connections-per-address", COUNT, "open connections from one client address",
                    (r, v) -> r.limits().maxConnectionsPerAddress(r.count(v))),
            new Setting("max-handshakes", COUNT, "connections still in their opening handshake",
                    (r, v) -> r.limits().maxHandshakes(r.count(v))),
            new Setting("retry-after", DURATION, "what Retry-After says on a 503",
                    (r, v) -> r.limits().retryAfter(r.duration(v))),
            new Setting("trusted-proxies", "a comma-separated list of addresses or CIDR blocks",
                    "proxies whose Forwarded and X-Forwarded-For headers are believed",
                    (r, v) -> r.limits().trustedProxies(r.list(v).toArray(String[]::new))),
            new Setting("proxy-protocol", "true or false", "every connection starts with a PROXY protocol header",
                    (r, v) -> r.limits().proxyProtocol(r.bool(v))),
            new Setting("handshake-timeout", DURATION, "time for the upgrade request; also how long an idle "
                    + "HTTP connection stays open", (r, v) -> r.builder.handshakeTimeout(r.duration(v))),
            new Setting("idle-timeout", DURATION + "; 0 for never", "close sessions silent this long",
                    (r, v) -> r.builder.idleTimeout(r.duration(v))),
            new Setting("close-timeout", DURATION, "wait this long for the peer's close",
                    (r, v) -> r.builder.closeTimeout(r.duration(v))),
            new Setting("heartbeat-interval", DURATION + "; 0 for none", "ping every session this often",
                    (r, v) -> r.builder.heartbeatInterval(r.duration(v))),
            new Setting("heartbeat-timeout", DURATION, "drop a session whose pong is this late",
                    (r, v) -> r.builder.heartbeatTimeout(r.duration(v))),
            new Setting("max-message-size", SIZE, "largest text and binary message",
                    (r, v) -> r.builder.maxMessageSize(r.size(v))),
            new Setting("max-text-message-size", SIZE, "largest text message",
                    (r, v) -> r.builder.maxTextMessageSize(r.size(v))),
            new Setting("max-binary-message-size", SIZE, "largest binary message",
                    (r, v) -> r.builder.maxBinaryMessageSize(r.size(v))),
            new Setting("max-frame-size", SIZE, "largest frame payload", (r, v) -> r.builder.maxFrameSize(r.size(v))),
            new Setting("max-handshake-size", SIZE, "largest HTTP request head",
                    (r, v) -> r.builder.maxHandshakeSize((int) Math.min(Integer.MAX_VALUE, r.size(v)))),
            new Setting("max-buffered-output", SIZE, "bytes queued for one slow peer before its session closes",
                    (r, v) -> r.builder.maxBufferedOutput(r.size(v))),
            new Setting("memory-budget", SIZE, "memory all connections may hold together",
                    (r, v) -> r.builder.memoryBudget(r.size(v))),
            new Setting("access-log", "true or false", "one INFO line per upgrade or refusal, to logger dev.wsf.access",
                    (r, v) -> r.builder.accessLog(r.bool(v))),
            new Setting("disabled-extensions", "a comma-separated list, e.g. permessage-deflate",
                    "extensions never negotiated", (r, v) -> r.builder.disableExtensions(r.list(v).toArray(String[]::new))));

    private ServerSettings() {
    }

    /**
     * Applies to {@code builder} every setting found in {@code values} under {@code prefix}.
     *
     * @param environment whether the values are environment variables (names such as
     *                    {@code WSF_PORT}) rather than properties ({@code prefix + "port"})
     * @throws IllegalArgumentException naming the key, for a value that does not parse or is out
     *                                  of range, for TLS settings that do not go together, and
     *                                  for a name that is probably a misspelt setting
     */
    static void apply(ServerConfig.Builder builder, Map<?, ?> values, String prefix, boolean environment) {
        Map<String, String> found = new LinkedHashMap<>();
        Map<String, Setting> byKey = new LinkedHashMap<>();
        for (Setting s : ALL) {
            byKey.put(environment ? s.environmentName() : prefix + s.name(), s);
        }
        for (Map.Entry<?, ?> e : values.entrySet()) {
            if (!(e.getKey() instanceof String key) || !(e.getValue() instanceof String value)) {
                continue;
            }
            if (!key.startsWith(prefix)) {
                continue;
            }
            if (byKey.containsKey(key)) {
                found.put(key, value);
            } else {
                unknown(key, byKey.keySet());
            }
        }
        Reading reading = new Reading(builder);
        for (Map.Entry<String, Setting> e : byKey.entrySet()) {
            String value = found.get(e.getKey());
            if (value == null) {
                continue;
            }
            reading.key = e.getKey();
            reading.secret = e.getValue().name().endsWith("password");
            try {
                e.getValue().apply().accept(reading, value.trim());
            } catch (IllegalArgumentException ex) {
                throw reading.failed(ex);
            }
        }
        reading.finish(environment ? (ENVIRONMENT_PREFIX) : prefix, environment);
    }

    /** A name under the prefix that is no setting: a likely misspelling fails, anything else is someone else's. */
    private static void unknown(String key, Iterable<String> known) {
        for (String k : known) {
            if (distance(normalize(key), normalize(k)) <= 2) {
                throw new IllegalArgumentException(key + " is not a setting; did you mean " + k + "?");
            }
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "ignoring " + key + ", which is not a server setting");
    }

    private static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
    }

    /** Levenshtein distance, for short keys. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The state of one application of settings: the key being read, and what is collected for TLS and limits. */
    static final class Reading {
        private static final Pattern SIZE_VALUE = Pattern.compile("(\\d+)\\s*([a-zA-Z]*)");
        private static final Pattern DURATION_VALUE = Pattern.compile("(\\d+)\\s*([a-zA-Z]*)");

        final ServerConfig.Builder builder;
        private final ConnectionLimits.Builder limits;
        private boolean limitsTouched;
        String key;
        boolean secret;
        Path tlsCert;
        Path tlsKey;
        String tlsKeyPassword;
        Path keystore;
        String keystorePassword;
        Duration tlsWatch;

        Reading(ServerConfig.Builder builder) {
            this.builder = builder;
            this.limits = builder.currentLimits().toBuilder();
        }

        IllegalArgumentException failed(IllegalArgumentException cause) {
            return new IllegalArgumentException(key + ": " + cause.getMessage(), cause);
        }

        private IllegalArgumentException invalid(String value, String expected) {
            String shown = secret ? "its value" : "'" + value + "'";
            return new IllegalArgumentException(shown + " is not " + expected);
        }

        int integer(String value, int min, int max) {
            try {
                int n = Integer.parseInt(value);
                if (n < min || n > max) {
                    throw new IllegalArgumentException("'" + value + "' is out of range " + min + "-" + max);
                }
                return n;
            } catch (NumberFormatException e) {
                throw invalid(value, "a whole number from " + min + " to " + max);
            }
        }

        int count(String value) {
            try {
                int n = Integer.parseInt(value);
                if (n <= 0) {
                    throw invalid(value, COUNT);
                }
                return n;
            } catch (NumberFormatException e) {
                throw invalid(value, COUNT);
            }
        }

        long size(String value) {
            Matcher m = SIZE_VALUE.matcher(value);
            if (!m.matches()) {
                throw invalid(value, "a size: " + SIZE);
            }
            long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "", "b" -> 1;
                case "k", "kib" -> 1024;
                case "m", "mib" -> 1024 * 1024;
                case "g", "gib" -> 1024 * 1024 * 1024;
                default -> throw invalid(value, "a size: " + SIZE + " (units KiB, MiB, GiB)");
            };
            try {
                long n = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
                if (n <= 0) {
                    throw invalid(value, "a positive size");
                }
                return n;
            } catch (NumberFormatException | ArithmeticException e) {
                throw invalid(value, "a size that fits in 63 bits");
            }
        }

        Duration duration(String value) {
            if (value.equals("0")) {
                return Duration.ZERO;
            }
            if (value.startsWith("P") || value.startsWith("p")) {
                try {
                    return Duration.parse(value);
                } catch (DateTimeParseException e) {
                    throw invalid(value, "a duration: " + DURATION);
                }
            }
            Matcher m = DURATION_VALUE.matcher(value);
            if (!m.matches() || m.group(2).isEmpty()) {
                throw invalid(value, "a duration: " + DURATION);
            }
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw invalid(value, "a duration: " + DURATION);
            }
            return switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> throw invalid(value, "a duration: " + DURATION);
            };
        }

        boolean bool(String value) {
            if (value.equalsIgnoreCase("true")) {
                return true;
            }
            if (value.equalsIgnoreCase("false")) {
                return false;
            }
            throw invalid(value, "true or false");
        }

        List<String> list(String value) {
            List<String> items = new ArrayList<>();
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
            return items;
        }

        OriginPolicy origins(String value) {
            if (value.equalsIgnoreCase("same-origin")) {
                return OriginPolicy.sameOrigin();
            }
            if (value.equals("*")) {
                return OriginPolicy.any();
            }
            List<String> origins = list(value);
            if (origins.isEmpty()) {
                throw invalid(value, "same-origin, * or a list of origins");
            }
            return OriginPolicy.allowList(origins.toArray(String[]::new));
        }

        Path file(String value) {
            Path path;
            try {
                path = Path.of(value);
            } catch (InvalidPathException e) {
                throw invalid(value, "a file name");
            }
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new IllegalArgumentException("no readable file " + path.toAbsolutePath());
            }
            return path;
        }

        /** The connection limits, which are rebuilt once a setting has changed them. */
        ConnectionLimits.Builder limits() {
            limitsTouched = true;
            return limits;
        }

        /** Applies what needed every setting read first: TLS and the limits. */
        void finish(String prefix, boolean environment) {
            if (limitsTouched) {
                builder.limits(limits.build());
            }
            String cert = name(prefix, "tls.cert", environment);
            String keyName = name(prefix, "tls.key", environment);
            String store = name(prefix, "tls.keystore", environment);
            if ((tlsCert != null || tlsKey != null) && keystore != null) {
                throw new IllegalArgumentException("set either " + cert + " and " + keyName + ", or " + store
                        + ", not both");
            }
            if ((tlsCert == null) != (tlsKey == null)) {
                throw new IllegalArgumentException(tlsCert != null ? cert + " is set, so " + keyName + " must be too"
                        : keyName + " is set, so " + cert + " must be too");
            }
            TlsConfig.Builder tls = TlsConfig.builder();
            if (tlsCert != null) {
                tls.pem(new TlsConfig.PemFiles(tlsCert, tlsKey,
                        tlsKeyPassword == null ? null : tlsKeyPassword.toCharArray()));
            } else if (keystore != null) {
                tls.keyStore(keystore, keystorePassword == null ? null : keystorePassword.toCharArray());
            } else {
                if (tlsWatch != null || tlsKeyPassword != null || keystorePassword != null) {
                    throw new IllegalArgumentException("TLS settings without key material: set " + cert + " and "
                            + keyName + ", or " + store);
                }
                return;
            }
            if (tlsWatch != null) {
                tls.watchInterval(tlsWatch);
            }
            builder.tls(tls.build());
        }

        private static String name(String prefix, String setting, boolean environment) {
            return environment ? ENVIRONMENT_PREFIX + setting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')
                    : prefix + setting;
        }
    }
}
