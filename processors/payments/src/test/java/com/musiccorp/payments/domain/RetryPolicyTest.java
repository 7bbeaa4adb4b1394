package com.musiccorp.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    final RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(5));

    @Test
    void theDelayDoublesFromTheFirstDelayUpToTheMaximum() {
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delayAfter(1_000)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theNextAttemptIsCountedFromWhenTheFailureWasObserved() {
        Instant failedAt = Instant.parse("2025-03-01T10:00:00Z");

        assertThat(policy.nextAttemptAt(3, failedAt)).isEqualTo(failedAt.plusSeconds(2));
    }

    @Test
    void retriesAreAllowedUntilTheLastAttempt() {
        assertThat(policy.mayRetryAfter(5)).isTrue();
        assertThat(policy.mayRetryAfter(6)).isFalse();
    }

    @Test
    void theLastAttemptIsDueAfterEveryDelayBeforeIt() {
        assertThat(policy.lastAttemptAfter()).isEqualTo(Duration.ofMillis(500 + 1_000 + 2_000 + 4_000 + 5_000));
        assertThat(new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1)).lastAttemptAfter()).isZero();
    }

    @Test
    void byDefaultAChargeOutlastsAMinuteLongGatewayOutage() {
        assertThat(RetryPolicy.DEFAULT.lastAttemptAfter()).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void nonsensicalPoliciesAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.delayAfter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
