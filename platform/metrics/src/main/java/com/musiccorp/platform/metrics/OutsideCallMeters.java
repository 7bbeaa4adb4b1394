package com.musiccorp.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Calls to a system outside the project (the payment gateway, the carrier, the mailer), counted by
 * outcome, in the process's registry:
 * <ul>
 *   <li>{@code musiccorp_outside_calls_total{system, outcome}}: every call, counted once when its
 *       answer (or failure) is known;</li>
 *   <li>{@code musiccorp_outside_call_duration_seconds{system, outcome}} (histogram): how long the
 *       calls whose duration the caller gave took.</li>
 * </ul>
 * {@code system} is who was called ({@code payment-gateway}, {@code carrier}, {@code mailer});
 * {@code outcome} a small closed set of what came back, e.g. {@code captured}, {@code declined},
 * {@code refunded}, {@code booked}, {@code no-van}, {@code timeout}, {@code error}. Never an id or a
 * message: each distinct value is a time series of its own.
 *
 * <pre>{@code
 * long start = System.nanoTime();
 * ChargeReply reply = gateway.charge(...);
 * OutsideCallMeters.record("payment-gateway", reply.approved() ? "captured" : "declined",
 *         Duration.ofNanos(System.nanoTime() - start));
 * // or, without a duration:
 * OutsideCallMeters.count("carrier", "no-van");
 * }</pre>
 */
public final class OutsideCallMeters {
    public static final String CALLS = "musiccorp.outside.calls";
    public static final String DURATION = "musiccorp.outside.call.duration";

    private static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private OutsideCallMeters() {
    }

    /** One call to {@code system} ended with {@code outcome}. */
    public static void count(String system, String outcome) {
        calls(ProcessMeters.meters(), system, outcome).increment();
    }

    /** One call to {@code system} ended with {@code outcome} after {@code took}: counted and timed. */
    public static void record(String system, String outcome, Duration took) {
        MeterRegistry registry = ProcessMeters.meters();
        calls(registry, system, outcome).increment();
        Timer.builder(DURATION)
                .description("Duration of calls to systems outside the project, by outcome")
                .tag("system", tagValue(system))
                .tag("outcome", tagValue(outcome))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(took);
    }

    private static Counter calls(MeterRegistry registry, String system, String outcome) {
        return Counter.builder(CALLS)
                .description("Calls to systems outside the project (payment gateway, carrier, mailer), by outcome")
                .tag("system", tagValue(system))
                .tag("outcome", tagValue(outcome))
                .register(registry);
    }

    private static String tagValue(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }
}
