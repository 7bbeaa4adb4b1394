package com.musiccorp.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultOptionsTest {
    @Test
    void defaultsAreTenThousandSagasAndTheFullSchedule() {
        FaultOptions o = FaultOptions.parse();
        assertThat(o.sagas()).isEqualTo(10_000);
        assertThat(o.smoke()).isFalse();
        assertThat(o.loadDuration()).isEqualTo(Duration.ofSeconds(500));
    }

    @Test
    void smokeIsAFewHundredSagasAndSagasCanBeGiven() {
        assertThat(FaultOptions.parse("--smoke").sagas()).isBetween(200, 400);
        assertThat(FaultOptions.parse("--sagas", "500", "--rate", "25").loadDuration()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void unknownOrMissingValuesAreRefused() {
        assertThatThrownBy(() -> FaultOptions.parse("--sagas")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> FaultOptions.parse("--nope")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> FaultOptions.parse("--sagas", "0")).hasMessageContaining("positive");
    }
}
