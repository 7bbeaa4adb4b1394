package com.musiccorp.notifications.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How notifications retries a mailer that could not take a message: attempt {@code n + 1} is due
 * {@code firstDelay * 2^(n-1)} (at most {@code maxDelay}) after attempt {@code n} failed, and the
 * message is given up (recorded as undeliverable, no NotificationSent) after {@code maxAttempts}.
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(1));

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

    public boolean mayRetryAfter(int failedAttempt) {
        return failedAttempt < maxAttempts;
    }
}
