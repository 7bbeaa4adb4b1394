package com.musiccorp.payments.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How payments retries a gateway that failed transiently: attempt {@code n + 1} is due
 * {@code firstDelay * 2^(n-1)} (at most {@code maxDelay}) after attempt {@code n} failed, and a charge
 * gives up with {@code PaymentFailed(GATEWAY_UNAVAILABLE)} after {@code maxAttempts} attempts.
 * Refunds follow the same back-off but never give up: the money is owed to the customer.
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {

    /**
     * Seven attempts, 1 s doubling: the last is made about a minute after the first failed
     * ({@link #lastAttemptAfter()}), so a charge rides out a gateway restart on a loaded machine
     * (20 s in a fault run on two cores) instead of cancelling orders that would have been paid.
     */
    public static final RetryPolicy DEFAULT = new RetryPolicy(7, Duration.ofSeconds(1), Duration.ofMinutes(1));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("need 0 < firstDelay <= maxDelay, was " + firstDelay + ", " + maxDelay);
        }
    }

    /** The wait after attempt {@code failedAttempt} (1 = the first) failed. */
    public Duration delayAfter(int failedAttempt) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, was " + failedAttempt);
        }
        int doublings = failedAttempt - 1;
        if (doublings >= 62) {
            return maxDelay;
        }
        long factor = 1L << doublings;
        long firstMillis = firstDelay.toMillis();
        if (firstMillis > maxDelay.toMillis() / factor) {
            return maxDelay;
        }
        return Duration.ofMillis(firstMillis * factor);
    }

    /** When the attempt after {@code failedAttempt} is due, counted from when that failure was observed. */
    public Instant nextAttemptAt(int failedAttempt, Instant failedAt) {
        return failedAt.plus(delayAfter(failedAttempt));
    }

    /** How long after the first attempt failed the last one is due: the outage a charge outlasts. */
    public Duration lastAttemptAfter() {
        Duration total = Duration.ZERO;
        for (int failed = 1; failed < maxAttempts; failed++) {
            total = total.plus(delayAfter(failed));
        }
        return total;
    }

    public boolean mayRetryAfter(int failedAttempt) {
        return failedAttempt < maxAttempts;
    }
}
