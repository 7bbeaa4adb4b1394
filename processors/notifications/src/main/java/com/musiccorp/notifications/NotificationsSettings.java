package com.musiccorp.notifications;

import java.util.Map;

/**
 * What the notifications service reads from its environment besides the shared Kafka settings
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL}, {@code STATE_DIR}: see
 * {@code ContextSettings}).
 *
 * @param httpPort {@code NOTIFICATIONS_HTTP_PORT}, default 8086 (0 = a free port, shown in the READY line)
 */
public record NotificationsSettings(int httpPort) {

    public static NotificationsSettings fromEnvironment() {
        return from(System.getenv());
    }

    static NotificationsSettings from(Map<String, String> env) {
        return new NotificationsSettings(Integer.parseInt(get(env, "NOTIFICATIONS_HTTP_PORT", "8086")));
    }

    private static String get(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
