package com.musiccorp.payments;

import com.musiccorp.payments.domain.RetryPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * What the payments service reads from its environment besides the shared Kafka settings
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL}, {@code STATE_DIR}: see
 * {@code ContextSettings}).
 *
 * @param httpPort       {@code PAYMENTS_HTTP_PORT}, default 8084 (0 = a free port, shown in the READY line)
 * @param gatewayUrl     {@code PAYMENT_GATEWAY_URL}, default {@code http://localhost:8090}
 * @param gatewayTimeout {@code PAYMENT_GATEWAY_TIMEOUT_MS}, default 5000: a slower answer is a transient failure
 * @param callInterval   {@code PAYMENTS_CALL_INTERVAL_MS}, default 200: how often gateway calls due later (a back-off) or left unanswered are looked for; a call due when decided is made at once
 * @param retryPolicy    {@code PAYMENTS_CHARGE_MAX_ATTEMPTS} (default 7), {@code PAYMENTS_RETRY_FIRST_DELAY_MS}
 *                       (default 1000), {@code PAYMENTS_RETRY_MAX_DELAY_MS} (default 60000): see {@link RetryPolicy#DEFAULT}
 */
public record PaymentsSettings(int httpPort, URI gatewayUrl, Duration gatewayTimeout, Duration callInterval,
        RetryPolicy retryPolicy) {

    public static PaymentsSettings fromEnvironment() {
        return from(System.getenv());
    }

    static PaymentsSettings from(Map<String, String> env) {
        return new PaymentsSettings(
                Integer.parseInt(get(env, "PAYMENTS_HTTP_PORT", "8084")),
                URI.create(get(env, "PAYMENT_GATEWAY_URL", "http://localhost:8090")),
                Duration.ofMillis(Long.parseLong(get(env, "PAYMENT_GATEWAY_TIMEOUT_MS", "5000"))),
                Duration.ofMillis(Long.parseLong(get(env, "PAYMENTS_CALL_INTERVAL_MS", "200"))),
                new RetryPolicy(
                        Integer.parseInt(get(env, "PAYMENTS_CHARGE_MAX_ATTEMPTS", String.valueOf(RetryPolicy.DEFAULT.maxAttempts()))),
                        Duration.ofMillis(Long.parseLong(get(env, "PAYMENTS_RETRY_FIRST_DELAY_MS",
                                String.valueOf(RetryPolicy.DEFAULT.firstDelay().toMillis())))),
                        Duration.ofMillis(Long.parseLong(get(env, "PAYMENTS_RETRY_MAX_DELAY_MS",
                                String.valueOf(RetryPolicy.DEFAULT.maxDelay().toMillis()))))));
    }

    private static String get(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
