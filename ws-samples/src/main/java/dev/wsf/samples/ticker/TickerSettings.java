package dev.wsf.samples.ticker;

import java.time.Duration;

/**
 * How the ticker publishes.
 *
 * @param period      time between two updates
 * @param symbols     instruments per update, which sets the update's size (about 40 bytes each)
 * @param maxBuffered bytes a subscriber may have waiting to be written before it is skipped
 */
public record TickerSettings(Duration period, int symbols, long maxBuffered) {

    /** Ten updates a second of eight quotes; subscribers more than 64 KiB behind are skipped. */
    public static TickerSettings defaults() {
        return new TickerSettings(Duration.ofMillis(100), 8, 64 * 1024);
    }
}
