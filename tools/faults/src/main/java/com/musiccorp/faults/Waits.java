package com.musiccorp.faults;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling until a condition holds: the suite's only way of waiting for the system. */
final class Waits {
    private Waits() {
    }

    /** True once {@code condition} holds, false when {@code atMost} ran out first. */
    static boolean until(Duration atMost, Duration every, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            boolean holds;
            try {
                holds = condition.getAsBoolean();
            } catch (RuntimeException notYet) {
                holds = false;
            }
            if (holds) return true;
            if (System.nanoTime() > deadline) return false;
            pause(every);
        }
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
