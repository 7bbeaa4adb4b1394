package com.musiccorp.sagastatus.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How often one transition of the choreography was observed and its latency distribution, in fixed
 * buckets (so it is mergeable across partitions and independent of the order of observation).
 * Percentiles are the upper bound of the bucket holding that rank, clamped to [min, max].
 *
 * @param buckets count per bucket of {@link #BOUNDS_MILLIS}: bucket i holds latencies
 *                in (BOUNDS_MILLIS[i-1], BOUNDS_MILLIS[i]]; the last bucket is unbounded
 */
public record TransitionStats(String from, String to, long count, long minMillis, long maxMillis, List<Long> buckets) {

    /** Upper bounds in milliseconds: 0 (a reaction inheriting its cause's time), 1 ms … 7 days. */
    public static final List<Long> BOUNDS_MILLIS = List.of(0L, 1L, 2L, 5L, 10L, 20L, 50L, 100L, 200L, 500L,
            1_000L, 2_000L, 5_000L, 10_000L, 30_000L, 60_000L, 120_000L, 300_000L, 600_000L, 1_800_000L,
            3_600_000L, 7_200_000L, 21_600_000L, 43_200_000L, 86_400_000L, 172_800_000L, 604_800_000L);

    public TransitionStats {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        buckets = List.copyOf(buckets);
        if (buckets.size() != BOUNDS_MILLIS.size() + 1) {
            throw new IllegalArgumentException("expected " + (BOUNDS_MILLIS.size() + 1) + " buckets, got " + buckets.size());
        }
    }

    public static TransitionStats empty(String from, String to) {
        List<Long> zeros = new ArrayList<>();
        for (int i = 0; i <= BOUNDS_MILLIS.size(); i++) zeros.add(0L);
        return new TransitionStats(from, to, 0, Long.MAX_VALUE, Long.MIN_VALUE, zeros);
    }

    public TransitionStats record(long latencyMillis) {
        List<Long> next = new ArrayList<>(buckets);
        int i = bucketOf(latencyMillis);
        next.set(i, next.get(i) + 1);
        return new TransitionStats(from, to, count + 1, Math.min(minMillis, latencyMillis),
                Math.max(maxMillis, latencyMillis), next);
    }

    /** The sum of two partitions' statistics of the same transition. */
    public TransitionStats plus(TransitionStats other) {
        List<Long> sum = new ArrayList<>(buckets);
        for (int i = 0; i < sum.size(); i++) sum.set(i, sum.get(i) + other.buckets.get(i));
        return new TransitionStats(from, to, count + other.count, Math.min(minMillis, other.minMillis),
                Math.max(maxMillis, other.maxMillis), sum);
    }

    /** The latency at or below which a fraction {@code p} (0 < p ≤ 1) of the observations fall. */
    public long percentileMillis(double p) {
        if (count == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(p * count));
        long seen = 0;
        for (int i = 0; i < buckets.size(); i++) {
            seen += buckets.get(i);
            if (seen >= rank) {
                long upper = i < BOUNDS_MILLIS.size() ? BOUNDS_MILLIS.get(i) : maxMillis;
                return Math.max(minMillis, Math.min(upper, maxMillis));
            }
        }
        return maxMillis;
    }

    static int bucketOf(long latencyMillis) {
        for (int i = 0; i < BOUNDS_MILLIS.size(); i++) {
            if (latencyMillis <= BOUNDS_MILLIS.get(i)) return i;
        }
        return BOUNDS_MILLIS.size();
    }
}
