package com.musiccorp.platform.streams.step;

import com.musiccorp.platform.streams.trace.TraceContext;

/** Runs one input through the step (decide, evolve, store, forward): for answers fed back by a punctuation. */
@FunctionalInterface
public interface Steps<I, S> {

    /** @return the state after the step */
    S apply(String key, I input);

    /**
     * The same, continuing {@code trace} (the span of the input whose decision led to this one, e.g.
     * the one that made a call pending), or outside any trace when it is null.
     */
    default S apply(String key, I input, TraceContext trace) {
        return apply(key, input);
    }
}
