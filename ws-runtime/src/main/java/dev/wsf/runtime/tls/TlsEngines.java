package dev.wsf.runtime.tls;

import dev.wsf.api.config.TlsConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Makes the {@link SSLEngine}s of one TLS listener, or of a client, as its {@link TlsConfig} says,
 * from an {@link SSLContext} that {@link #reload()} replaces: handshakes started afterwards use the
 * new certificate, connections already open keep theirs.
 *
 * <p>Engines advertise ALPN {@code http/1.1} (a WebSocket upgrade is an HTTP/1.1 request). A
 * client's engine sends SNI for a host name and, unless turned off, checks that the server's
 * certificate names the host (endpoint identification "HTTPS").
 */
public final class TlsEngines {
    private static final String[] ALPN = {"http/1.1"};

    private final TlsConfig config;
    private final boolean server;
    private final AtomicReference<SSLContext> context = new AtomicReference<>();
    private final List<Path> files;
    private volatile List<String> stamps;

    /**
     * @param config the key, trust, protocols and cipher suites; its files are read now
     * @param server true for a listener's engines, false for a client's
     * @throws IllegalStateException if the key or trust material cannot be read
     */
    public TlsEngines(TlsConfig config, boolean server) {
        this.config = Objects.requireNonNull(config);
        this.server = server;
        this.files = TlsContexts.files(config);
        this.stamps = stamps();
        this.context.set(TlsContexts.build(config));
    }

    /**
     * The settings the engines are made with.
     *
     * @return the config given to the constructor
     */
    public TlsConfig config() {
        return config;
    }

    /**
     * An engine for a connection accepted from {@code peer}.
     *
     * @param peer the client's address, a hint for session resumption
     * @return a new engine in server mode, asking for client certificates as configured
     */
    public SSLEngine serverEngine(InetSocketAddress peer) {
        SSLEngine engine = context.get().createSSLEngine(peer.getHostString(), peer.getPort());
        engine.setUseClientMode(false);
        SSLParameters p = parameters(engine);
        switch (config.clientAuth()) {
            case NEED -> p.setNeedClientAuth(true);
            case WANT -> p.setWantClientAuth(true);
            case NONE -> { }
        }
        engine.setSSLParameters(p);
        return engine;
    }

    /**
     * An engine for a connection to {@code host} (as the URI names it) at {@code port}.
     *
     * @param host the host name or IP literal; a name is sent as SNI and, if configured, checked
     *             against the certificate
     * @param port the server's port
     * @return a new engine in client mode
     */
    public SSLEngine clientEngine(String host, int port) {
        SSLEngine engine = context.get().createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters p = parameters(engine);
        if (config.hostnameVerification()) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isIpLiteral(host)) {
            p.setServerNames(List.of(new SNIHostName(host)));
        }
        engine.setSSLParameters(p);
        return engine;
    }

    private SSLParameters parameters(SSLEngine engine) {
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(config.protocols().toArray(String[]::new));
        if (!config.cipherSuites().isEmpty()) {
            p.setCipherSuites(config.cipherSuites().toArray(String[]::new));
        }
        p.setApplicationProtocols(ALPN);
        return p;
    }

    /**
     * Reads the key and trust material again; new handshakes use it.
     *
     * @throws IllegalStateException if it cannot be read; the material in use stays
     */
    public void reload() {
        List<String> seen = stamps();
        context.set(TlsContexts.build(config));
        stamps = seen;
    }

    /**
     * Reloads if a file changed since the last load; true if it did.
     *
     * @return true if the material was reloaded
     * @throws IllegalStateException if a file changed but cannot be read; the material in use stays
     */
    public boolean reloadIfChanged() {
        if (files.isEmpty() || stamps().equals(stamps)) {
            return false;
        }
        reload();
        return true;
    }

    /** What identifies each file's content: size and modification time (a rename onto it counts). */
    private List<String> stamps() {
        List<String> result = new ArrayList<>();
        for (Path f : files) {
            try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                result.add(a.size() + "@" + a.lastModifiedTime().toMillis() + "#" + a.fileKey());
            } catch (IOException e) {
                result.add("missing");
            }
        }
        return result;
    }

    private static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true; // IPv6
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return !host.isEmpty();
    }

    @Override
    public String toString() {
        return "TlsEngines[" + (server ? "server" : "client") + ", " + config + "]";
    }
}
