package com.musiccorp.orders.domain;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The Decider pattern: what to emit given an input and the current state, how an event changes the
 * state, and where every state starts. The live path calls {@code decide} then folds the events with
 * {@code evolve}; a rebuild only folds, so a replay never emits.
 *
 * @param <I> inputs: commands and observed events
 * @param <E> events
 * @param <S> state
 */
public record Decider<I, E, S>(
        BiFunction<I, S, List<E>> decide,
        BiFunction<S, E, S> evolve,
        S initialState) {

    public Decider {
        Objects.requireNonNull(decide, "decide");
        Objects.requireNonNull(evolve, "evolve");
        Objects.requireNonNull(initialState, "initialState");
    }

    /** Folds {@code events} into {@code state} with {@code evolve}. */
    public S fold(S state, Iterable<? extends E> events) {
        S current = state;
        for (E event : events) {
            current = evolve.apply(current, event);
        }
        return current;
    }

    /** Rebuilds a state from nothing: the fold of every recorded event from the initial state. */
    public S rebuild(Iterable<? extends E> events) {
        return fold(initialState, events);
    }
}
