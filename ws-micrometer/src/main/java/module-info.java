/**
 * wsf's metrics listener bound to a Micrometer {@code MeterRegistry}:
 * {@link dev.wsf.micrometer.MicrometerMetrics}. Micrometer's core jar is an automatic module
 * ({@code micrometer.core}).
 *
 * @since 0.1
 */
@SuppressWarnings("requires-transitive-automatic")
module dev.wsf.micrometer {
    requires transitive dev.wsf.api;
    requires transitive micrometer.core;

    exports dev.wsf.micrometer;
}
