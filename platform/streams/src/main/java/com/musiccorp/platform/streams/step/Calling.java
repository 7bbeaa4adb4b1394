package com.musiccorp.platform.streams.step;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * How a step makes the calls its states wait for ({@link DueCalls} runs them).
 *
 * @param calls     the outside system's calls
 * @param dueStore  a {@code KeyValueStore<String, String>} connected to the step's processor, where the
 *                  states waiting for a call are kept by due time; built from the states when a task
 *                  starts, so it needs no changelog ({@link com.musiccorp.platform.streams.DueTimeIndex#storeBuilder})
 * @param scanEvery how often calls not due when decided (a back-off), left after a restart, or that got
 *                  no answer are looked for; a call due when decided is made at once
 * @param callers   the threads calls block; never a stream thread
 */
public record Calling<I, S>(OutsideCalls<I, S, ?> calls, String dueStore, Duration scanEvery, Executor callers) {

    /**
     * A virtual thread per call: each call may block up to its system's timeout without holding a
     * stream thread or a platform thread, so many are in flight at once.
     */
    public static final Executor VIRTUAL_THREADS = Executors.newVirtualThreadPerTaskExecutor();

    public Calling {
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(dueStore, "dueStore");
        Objects.requireNonNull(callers, "callers");
        if (scanEvery.isNegative() || scanEvery.isZero()) {
            throw new IllegalArgumentException("scanEvery must be positive, was " + scanEvery);
        }
    }
}
