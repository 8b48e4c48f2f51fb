package dev.wsf.samples.ticker;

import dev.wsf.api.Session;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnOpen;
import dev.wsf.api.endpoint.Dispatch;
import jakarta.inject.Singleton;

/**
 * Subscribes each connection to the {@link Ticker}'s topic; a session leaves it by itself when
 * it closes. Clients only listen: a message from one closes it with 1003 (unsupported data), as
 * there is no {@code @OnMessage} method.
 *
 * <p>It keeps no state, so one instance serves every session ({@code @Singleton}); subscribing
 * never blocks, so it runs on the I/O thread.
 */
@Singleton
@Endpoint(path = "/ticker", dispatch = Dispatch.IO_THREAD)
public class TickerEndpoint {

    @OnOpen
    public void open(Session session) {
        session.subscribe(Ticker.TOPIC);
    }
}
