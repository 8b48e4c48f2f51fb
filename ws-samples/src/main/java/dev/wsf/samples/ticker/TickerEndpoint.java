package dev.wsf.samples.ticker;

import dev.wsf.api.Session;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnClose;
import dev.wsf.api.annotation.OnOpen;
import dev.wsf.api.endpoint.Dispatch;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Subscribes each connection to the {@link Ticker} for as long as it is open. Clients only
 * listen: a message from one closes it with 1003 (unsupported data), as there is no
 * {@code @OnMessage} method.
 *
 * <p>It keeps no per-connection state, so one instance serves every session
 * ({@code @Singleton}); its callbacks only touch a concurrent map and never block, so they run
 * on the I/O thread.
 */
@Singleton
@Endpoint(path = "/ticker", dispatch = Dispatch.IO_THREAD)
public class TickerEndpoint {
    private final Ticker ticker;

    @Inject
    public TickerEndpoint(Ticker ticker) {
        this.ticker = ticker;
    }

    @OnOpen
    public void open(Session session) {
        ticker.subscribe(session);
    }

    @OnClose
    public void close(Session session) {
        ticker.unsubscribe(session);
    }
}
