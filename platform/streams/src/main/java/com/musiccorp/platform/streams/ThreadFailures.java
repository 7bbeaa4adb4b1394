package com.musiccorp.platform.streams;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The readiness rule for stream threads that fail and are replaced. One failure keeps the instance
 * not ready for {@link #FAILING_WINDOW}. Failures less than {@link #REPEAT_WINDOW} apart are one
 * streak: a thread that keeps failing, replaced in a loop, is RUNNING most of the time yet
 * processes nothing. A streak keeps the instance not ready until it has run twice its longest gap
 * between two failures without one (at least {@link #FAILING_WINDOW}, so at most ten minutes): a
 * thread that fails every 45 s is not ready from its second failure on until it has gone 90 s
 * without one, where a fixed 30 s window reported it ready for 15 s out of every 45.
 */
final class ThreadFailures {

    /** How long a single failure keeps the instance not ready. */
    static final Duration FAILING_WINDOW = Duration.ofSeconds(30);
    /** A failure less than this after the previous one continues the streak. */
    static final Duration REPEAT_WINDOW = Duration.ofMinutes(5);

    private final LongSupplier nanoClock;
    private int streak;
    private long firstAt;
    private long lastAt;
    private long longestGap;
    private String lastReason;

    ThreadFailures(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    synchronized void failed(String reason) {
        long now = nanoClock.getAsLong();
        if (streak > 0 && now - lastAt < REPEAT_WINDOW.toNanos()) {
            streak++;
            longestGap = Math.max(longestGap, now - lastAt);
        } else {
            streak = 1;
            firstAt = now;
            longestGap = 0;
        }
        lastAt = now;
        lastReason = reason;
    }

    /** Why the failures keep the instance not ready, or null when they do not (or there were none). */
    synchronized String notReadyBecause() {
        if (streak == 0) {
            return null;
        }
        long since = nanoClock.getAsLong() - lastAt;
        long quiet = quietNeeded();
        if (since >= quiet) {
            return null;
        }
        if (streak == 1) {
            return "a stream thread failed " + seconds(since) + " s ago: " + lastReason;
        }
        return "a stream thread failed " + streak + " times in " + seconds(lastAt - firstAt) + " s, at most "
                + seconds(longestGap) + " s apart, the last " + seconds(since) + " s ago: " + lastReason
                + "; ready once none has failed for " + seconds(quiet) + " s";
    }

    private long quietNeeded() {
        if (streak == 1) {
            return FAILING_WINDOW.toNanos();
        }
        return Math.max(2 * longestGap, FAILING_WINDOW.toNanos());
    }

    private static long seconds(long nanos) {
        return Duration.ofNanos(nanos).toSeconds();
    }
}
