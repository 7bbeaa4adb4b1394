package com.musiccorp.platform.streams.step;

/** Runs one input through the step (decide, evolve, store, forward): for answers fed back by a punctuation. */
@FunctionalInterface
public interface Steps<I, S> {

    /** @return the state after the step */
    S apply(String key, I input);
}
