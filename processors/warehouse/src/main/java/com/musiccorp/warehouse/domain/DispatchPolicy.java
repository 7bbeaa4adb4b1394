package com.musiccorp.warehouse.domain;

import java.time.Duration;

/**
 * How hard the warehouse tries a carrier: attempt n that finds no capacity is retried after
 * {@code base * 2^(n-1)}; attempt {@code maxAttempts} failing ends in DispatchFailed.
 */
public record DispatchPolicy(Duration base, int maxAttempts) {
    /**
     * Operator retries one order can be granted: each is one more attempt after dispatch failed, so
     * beyond a few the order is better cancelled; the bound keeps the order's state bounded too.
     */
    public static final int MAX_OPERATOR_RETRIES = 10;
    public static final DispatchPolicy DEFAULT = new DispatchPolicy(Duration.ofMinutes(1), 5);

    public DispatchPolicy {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("base back-off must be positive: " + base);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
    }

    /** Wait after failed attempt {@code attempt} (1 = the first) before the next one. */
    public Duration backoff(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
        return base.multipliedBy(1L << Math.min(attempt - 1, 30));
    }
}
