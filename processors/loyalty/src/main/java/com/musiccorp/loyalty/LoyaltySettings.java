package com.musiccorp.loyalty;

import java.util.Map;

/**
 * What the loyalty service reads from its environment besides the shared Kafka settings
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL}, {@code STATE_DIR}: see
 * {@code ContextSettings}).
 *
 * @param httpPort {@code LOYALTY_HTTP_PORT}, default 8085 (0 = a free port, shown in the READY line)
 */
public record LoyaltySettings(int httpPort) {

    public static LoyaltySettings fromEnvironment() {
        return from(System.getenv());
    }

    static LoyaltySettings from(Map<String, String> env) {
        return new LoyaltySettings(Integer.parseInt(get(env, "LOYALTY_HTTP_PORT", "8085")));
    }

    private static String get(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
