package com.musiccorp.bench;

import java.util.Collection;

/** Latency percentiles of a set of samples in nanoseconds, reported in milliseconds. */
record Percentiles(int count, double p50, double p95, double p99, double max) {
    static Percentiles of(Collection<Long> nanos) {
        long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (s.length == 0) return new Percentiles(0, 0, 0, 0, 0);
        return new Percentiles(s.length, ms(at(s, 0.50)), ms(at(s, 0.95)), ms(at(s, 0.99)), ms(s[s.length - 1]));
    }

    private static long at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    @Override
    public String toString() {
        return "p50 " + p50 + " ms, p95 " + p95 + " ms, p99 " + p99 + " ms, max " + max + " ms (n=" + count + ")";
    }
}
