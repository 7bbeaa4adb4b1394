package com.musiccorp.sagastatus;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What the saga-status service reads from its environment besides the shared Kafka settings
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL}, {@code STATE_DIR}: see
 * {@code ContextSettings}).
 *
 * @param httpPort   {@code SAGA_STATUS_HTTP_PORT}, default 8087 (0 = a free port, shown in the READY line)
 * @param stallAfter {@code SAGA_STALL_AFTER}, ISO-8601, default PT30S: no new event for this long
 *                   (wall clock) flags an unfinished saga STALLED
 * @param stallCheck {@code SAGA_STALL_CHECK_INTERVAL}, ISO-8601, default PT5S: how often that is checked
 */
public record SagaStatusSettings(int httpPort, Duration stallAfter, Duration stallCheck) {

    public SagaStatusSettings {
        if (stallAfter.isNegative() || stallAfter.isZero()) {
            throw new IllegalArgumentException("SAGA_STALL_AFTER must be positive: " + stallAfter);
        }
        if (stallCheck.isNegative() || stallCheck.isZero()) {
            throw new IllegalArgumentException("SAGA_STALL_CHECK_INTERVAL must be positive: " + stallCheck);
        }
    }

    public static SagaStatusSettings fromEnvironment() {
        return from(System.getenv());
    }

    static SagaStatusSettings from(Map<String, String> env) {
        return new SagaStatusSettings(
                Integer.parseInt(get(env, "SAGA_STATUS_HTTP_PORT", "8087")),
                duration(env, "SAGA_STALL_AFTER", "PT30S"),
                duration(env, "SAGA_STALL_CHECK_INTERVAL", "PT5S"));
    }

    private static Duration duration(Map<String, String> env, String name, String fallback) {
        String v = get(env, name, fallback);
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " is not an ISO-8601 duration (e.g. PT30S): " + v, e);
        }
    }

    private static String get(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
