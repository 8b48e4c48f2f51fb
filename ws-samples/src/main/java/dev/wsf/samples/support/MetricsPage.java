package dev.wsf.samples.support;

import dev.wsf.api.HandshakeRequest;
import dev.wsf.api.http.HttpHandler;
import dev.wsf.api.http.HttpResponse;
import dev.wsf.api.metrics.WebSocketMetrics;
import dev.wsf.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Serves a server's metrics at {@value #PATH} in Prometheus's text format, in front of another
 * handler that answers every other path. The meters are rendered on each request, from memory (an
 * {@link HttpHandler} runs on an I/O thread); a few dozen meters take well under a millisecond.
 */
public final class MetricsPage implements HttpHandler {
    /** Where the metrics are. */
    public static final String PATH = "/metrics";
    /** The Prometheus text exposition format, version 0.0.4, which {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final HttpHandler next;

    private MetricsPage(PrometheusMeterRegistry registry, HttpHandler next) {
        this.registry = registry;
        this.next = next;
    }

    /** A listener for {@code ServerConfig.Builder#metrics} whose meters {@link #serving} can show. */
    public static MicrometerMetrics prometheus() {
        return new MicrometerMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /**
     * {@code next}, with {@value #PATH} in front of it if {@code metrics} keeps its meters in a
     * Prometheus registry (as {@link #prometheus()}'s does); otherwise {@code next} alone.
     */
    public static HttpHandler serving(WebSocketMetrics metrics, HttpHandler next) {
        Objects.requireNonNull(next, "next");
        if (metrics instanceof MicrometerMetrics m && m.registry() instanceof PrometheusMeterRegistry p) {
            return new MetricsPage(p, next);
        }
        return next;
    }

    @Override
    public Optional<HttpResponse> handle(HandshakeRequest request) {
        if (!request.path().equals(PATH)) {
            return next.handle(request);
        }
        return Optional.of(new HttpResponse(200, CONTENT_TYPE, registry.scrape().getBytes(StandardCharsets.UTF_8),
                Map.of("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff")));
    }
}
