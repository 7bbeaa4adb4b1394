package com.musiccorp.warehouse.domain;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The shape of every aggregate here (after oskardudycz's Decider): {@code decide} turns an input and
 * the current state into new facts, {@code evolve} applies one fact to a state, and
 * {@code initialState} is where every stream starts. The live path calls {@link #handle}; a rebuild
 * only folds {@code evolve}, so a replay never emits anything.
 *
 * @param <I> what the aggregate is asked to react to (commands and the events of other contexts)
 * @param <E> the facts it records or emits
 * @param <S> its state
 */
public record Decider<I, E, S>(
        BiFunction<I, S, List<E>> decide,
        BiFunction<S, E, S> evolve,
        Supplier<S> initialState) {

    /** The facts decided for one input and the state after applying them. */
    public record Decision<E, S>(List<E> events, S state) {
        public Decision {
            events = List.copyOf(events);
        }
    }

    /** Live path: decide, then evolve the state with exactly the facts decided. */
    public Decision<E, S> handle(S state, I input) {
        List<E> events = decide.apply(input, state);
        return new Decision<>(events, fold(state, events));
    }

    /** Rebuild: folds the facts from the initial state. */
    public S fold(List<? extends E> events) {
        return fold(initialState.get(), events);
    }

    public S fold(S state, List<? extends E> events) {
        S current = state;
        for (E event : events) {
            current = evolve.apply(current, event);
        }
        return current;
    }
}
