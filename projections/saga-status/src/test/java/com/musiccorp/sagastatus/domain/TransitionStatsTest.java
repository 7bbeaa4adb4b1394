package com.musiccorp.sagastatus.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Latency percentiles from fixed buckets: deterministic, mergeable, order-independent. */
class TransitionStatsTest {

    @Test
    void percentilesAreTheUpperBoundOfTheBucketHoldingTheRankClampedToMinAndMax() {
        TransitionStats stats = TransitionStats.empty("StockReserved", "PaymentTaken");
        for (int i = 0; i < 90; i++) stats = stats.record(0);
        for (int i = 0; i < 9; i++) stats = stats.record(3_000);
        stats = stats.record(45_000);

        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.minMillis()).isZero();
        assertThat(stats.maxMillis()).isEqualTo(45_000);
        assertThat(stats.percentileMillis(0.50)).isZero();
        assertThat(stats.percentileMillis(0.95)).isEqualTo(5_000);   // 3 s falls in (2 s, 5 s]
        assertThat(stats.percentileMillis(0.99)).isEqualTo(5_000);
        assertThat(stats.percentileMillis(1.0)).isEqualTo(45_000);   // (30 s, 60 s], clamped to the max
    }

    @Test
    void partitionsAddUpToTheSameAsOneStore() {
        TransitionStats a = TransitionStats.empty("A", "B").record(1).record(700);
        TransitionStats b = TransitionStats.empty("A", "B").record(20_000);
        TransitionStats all = TransitionStats.empty("A", "B").record(20_000).record(700).record(1);
        assertThat(a.plus(b)).isEqualTo(all);
        assertThat(b.plus(TransitionStats.empty("A", "B"))).isEqualTo(b);
    }

    @Test
    void aSingleObservationIsEveryPercentile() {
        TransitionStats one = TransitionStats.empty("A", "B").record(1234);
        assertThat(one.percentileMillis(0.5)).isEqualTo(1234);
        assertThat(one.percentileMillis(0.99)).isEqualTo(1234);
    }
}
