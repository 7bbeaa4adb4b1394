package com.musiccorp.sagastatus;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SagaStatusSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(SagaStatusSettings.from(Map.of()))
                .isEqualTo(new SagaStatusSettings(8087, Duration.ofSeconds(30), Duration.ofSeconds(5)));
    }

    @Test
    void theEnvironmentOverridesThem() {
        assertThat(SagaStatusSettings.from(Map.of("SAGA_STATUS_HTTP_PORT", "0", "SAGA_STALL_AFTER", "PT2M",
                "SAGA_STALL_CHECK_INTERVAL", "PT0.5S")))
                .isEqualTo(new SagaStatusSettings(0, Duration.ofMinutes(2), Duration.ofMillis(500)));
    }

    @Test
    void aDurationThatIsNotIsoOrNotPositiveIsRefusedByName() {
        assertThatThrownBy(() -> SagaStatusSettings.from(Map.of("SAGA_STALL_AFTER", "30s")))
                .hasMessageContaining("SAGA_STALL_AFTER").hasMessageContaining("30s");
        assertThatThrownBy(() -> SagaStatusSettings.from(Map.of("SAGA_STALL_CHECK_INTERVAL", "PT0S")))
                .hasMessageContaining("SAGA_STALL_CHECK_INTERVAL");
    }
}
