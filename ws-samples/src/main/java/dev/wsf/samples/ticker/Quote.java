package dev.wsf.samples.ticker;

/**
 * One line of the dashboard.
 *
 * @param symbol the instrument
 * @param price  its latest price
 */
public record Quote(String symbol, double price) {
}
