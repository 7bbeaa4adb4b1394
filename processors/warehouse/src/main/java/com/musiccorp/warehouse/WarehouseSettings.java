package com.musiccorp.warehouse;

import com.musiccorp.warehouse.domain.DispatchPolicy;
import com.musiccorp.warehouse.stream.SimulatedCarrier;

import java.time.Duration;
import java.util.Map;

/**
 * What the warehouse service reads from its environment besides the shared Kafka settings.
 *
 * @param httpPort          {@code WAREHOUSE_HTTP_PORT}, default 8083 (0 = a free port, shown in the READY line)
 * @param dispatchPolicy    {@code WAREHOUSE_DISPATCH_BACKOFF} (ISO-8601, default PT1M) and
 *                          {@code WAREHOUSE_DISPATCH_MAX_ATTEMPTS} (default 5)
 * @param carrierCapacity   {@code WAREHOUSE_CARRIER_CAPACITY}: packages the simulated carrier takes per
 *                          minute (default {@code unlimited}; 0 = never any capacity)
 * @param dispatchCheck     {@code WAREHOUSE_DISPATCH_CHECK_MS}: how often due dispatches are booked (default 1000)
 * @param receiptIdRetention {@code WAREHOUSE_RECEIPT_ID_RETENTION} (ISO-8601, default P30D): how long the id of
 *                          a counted receipt or shelf correction is remembered; one whose event time is
 *                          further from the warehouse's clock is refused (dead-lettered)
 */
public record WarehouseSettings(int httpPort, DispatchPolicy dispatchPolicy, int carrierCapacity,
        Duration dispatchCheck, Duration receiptIdRetention) {

    public static WarehouseSettings fromEnvironment() {
        return from(System.getenv());
    }

    static WarehouseSettings from(Map<String, String> env) {
        return new WarehouseSettings(
                Integer.parseInt(get(env, "WAREHOUSE_HTTP_PORT", "8083")),
                new DispatchPolicy(Duration.parse(get(env, "WAREHOUSE_DISPATCH_BACKOFF", "PT1M")),
                        Integer.parseInt(get(env, "WAREHOUSE_DISPATCH_MAX_ATTEMPTS", "5"))),
                carrierCapacity(get(env, "WAREHOUSE_CARRIER_CAPACITY", "unlimited")),
                Duration.ofMillis(Long.parseLong(get(env, "WAREHOUSE_DISPATCH_CHECK_MS", "1000"))),
                positive(Duration.parse(get(env, "WAREHOUSE_RECEIPT_ID_RETENTION", "P30D")),
                        "WAREHOUSE_RECEIPT_ID_RETENTION"));
    }

    /** {@code unlimited} (the default: the carrier never limits the saga), or packages per rolling minute. */
    private static int carrierCapacity(String value) {
        return value.strip().equalsIgnoreCase("unlimited") ? SimulatedCarrier.UNLIMITED : Integer.parseInt(value.strip());
    }

    private static Duration positive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    private static String get(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
