package dev.wsf.samples.ticker;

import java.util.List;

/**
 * What every subscriber receives, as JSON, at each tick. A gap in {@code seq} tells a client it
 * was skipped while it read too slowly.
 *
 * @param seq    the tick number, from 1
 * @param time   when it was published, in milliseconds since the epoch
 * @param quotes every instrument's price at that time
 */
public record TickerUpdate(long seq, long time, List<Quote> quotes) {
}
