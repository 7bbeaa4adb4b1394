package com.musiccorp.payments;

import com.musiccorp.payments.domain.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PaymentsSettingsTest {

    @Test
    void defaults() {
        PaymentsSettings defaults = PaymentsSettings.from(Map.of());

        assertThat(defaults.httpPort()).isEqualTo(8084);
        assertThat(defaults.gatewayUrl()).isEqualTo(URI.create("http://localhost:8090"));
        assertThat(defaults.gatewayTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.callInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(defaults.retryPolicy()).isEqualTo(RetryPolicy.DEFAULT);
    }

    @Test
    void overrides() {
        PaymentsSettings set = PaymentsSettings.from(Map.of("PAYMENTS_HTTP_PORT", "0",
                "PAYMENT_GATEWAY_URL", "http://127.0.0.1:9999", "PAYMENT_GATEWAY_TIMEOUT_MS", "250",
                "PAYMENTS_CALL_INTERVAL_MS", "50", "PAYMENTS_CHARGE_MAX_ATTEMPTS", "3",
                "PAYMENTS_RETRY_FIRST_DELAY_MS", "100", "PAYMENTS_RETRY_MAX_DELAY_MS", "400"));

        assertThat(set.httpPort()).isZero();
        assertThat(set.gatewayUrl()).isEqualTo(URI.create("http://127.0.0.1:9999"));
        assertThat(set.gatewayTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(set.callInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(set.retryPolicy()).isEqualTo(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(400)));
    }
}
