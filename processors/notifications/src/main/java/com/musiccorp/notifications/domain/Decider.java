package com.musiccorp.notifications.domain;

import java.util.List;

/**
 * The shape of a bounded context's domain: {@code decide} turns an input into facts, {@code evolve}
 * folds one fact into the state. The live path calls both; a rebuild (restore, replay) only folds
 * {@code evolve}, so a replay never emits and never calls anything external.
 *
 * @param <I> what the context reacts to
 * @param <F> what it records (published events and private facts)
 * @param <S> its state
 */
public interface Decider<I, F, S> {

    List<F> decide(I input, S state);

    S evolve(S state, F fact);

    S initialState();

    /** Folds {@code facts} onto {@code state}, in order. */
    default S evolveAll(S state, List<? extends F> facts) {
        S current = state;
        for (F fact : facts) {
            current = evolve(current, fact);
        }
        return current;
    }

    /** Rebuilds a state from every fact recorded for it, the way a restore or replay does. */
    default S fold(List<? extends F> facts) {
        return evolveAll(initialState(), facts);
    }
}
