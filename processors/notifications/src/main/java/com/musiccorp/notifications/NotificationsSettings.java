package com.musiccorp.notifications;

import com.musiccorp.notifications.domain.RetryPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the notifications service reads from its environment besides the shared Kafka settings
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL}, {@code STATE_DIR}: see
 * {@code ContextSettings}).
 *
 * @param httpPort     {@code NOTIFICATIONS_HTTP_PORT}, default 8086 (0 = a free port, shown in the READY line)
 * @param sendInterval {@code NOTIFICATIONS_SEND_INTERVAL_MS}, default 200: how often messages due later (a back-off) or unanswered are looked for; a message due when decided is handed over at once
 * @param retryPolicy  {@code NOTIFICATIONS_SEND_MAX_ATTEMPTS} (default 5), {@code NOTIFICATIONS_RETRY_FIRST_DELAY_MS}
 *                     (default 1000), {@code NOTIFICATIONS_RETRY_MAX_DELAY_MS} (default 60000)
 * @param mailbox      {@code NOTIFICATIONS_MAILBOX}: the simulated mailer's mailbox file; empty = next to
 *                     the context's state directory
 */
public record NotificationsSettings(int httpPort, Duration sendInterval, RetryPolicy retryPolicy,
        Optional<Path> mailbox) {

    public static NotificationsSettings fromEnvironment() {
        return from(System.getenv());
    }

    static NotificationsSettings from(Map<String, String> env) {
        RetryPolicy retries = new RetryPolicy(
                Integer.parseInt(get(env, "NOTIFICATIONS_SEND_MAX_ATTEMPTS", "5")),
                Duration.ofMillis(Long.parseLong(get(env, "NOTIFICATIONS_RETRY_FIRST_DELAY_MS", "1000"))),
                Duration.ofMillis(Long.parseLong(get(env, "NOTIFICATIONS_RETRY_MAX_DELAY_MS", "60000"))));
        return new NotificationsSettings(
                Integer.parseInt(get(env, "NOTIFICATIONS_HTTP_PORT", "8086")),
                Duration.ofMillis(Long.parseLong(get(env, "NOTIFICATIONS_SEND_INTERVAL_MS", "200"))),
                retries,
                Optional.ofNullable(env.get("NOTIFICATIONS_MAILBOX")).filter(s -> !s.isBlank()).map(Path::of));
    }

    private static String get(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
