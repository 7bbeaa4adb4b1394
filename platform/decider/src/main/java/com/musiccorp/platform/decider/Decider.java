package com.musiccorp.platform.decider;

import java.time.Instant;
import java.util.List;

/**
 * The shape of every bounded context's domain: {@code decide} turns an input into facts against the
 * current state, {@code evolve} folds one fact into the state. The live path decides and then folds
 * exactly the facts it decided; a rebuild (a restore, a replay) only folds, so it never emits and
 * never calls anything outside.
 *
 * <p>{@code decidedAt} is when the context decides: the time of every fact it decides now (an
 * answer of an outside system carries its own time, when the system answered). It is an argument,
 * not a clock the domain reads, so a decision stays a function of its arguments and tests pass any
 * time. Only times are taken from it, never ids: a re-decided input gets the same ids. {@code evolve}
 * has no such argument: a rebuild reads every time from the facts.
 *
 * @param <I> what the context reacts to (events of other contexts, commands, answers of outside systems)
 * @param <F> what it records: published events and private facts
 * @param <S> its state for one key
 */
public interface Decider<I, F, S> {

    List<F> decide(I input, S state, Instant decidedAt);

    S evolve(S state, F fact);

    S initialState();

    /** The facts decided for an input and the state after them: the live path. */
    default Decision<F, S> decision(I input, S state, Instant decidedAt) {
        List<F> facts = decide(input, state, decidedAt);
        return new Decision<>(facts, evolveAll(state, facts));
    }

    /** Folds {@code facts} onto {@code state}, in order. */
    default S evolveAll(S state, List<? extends F> facts) {
        S current = state;
        for (F fact : facts) {
            current = evolve(current, fact);
        }
        return current;
    }

    /** A state rebuilt from every fact recorded for it, the way a restore or replay does. */
    default S fold(List<? extends F> facts) {
        return evolveAll(initialState(), facts);
    }

    /** What {@link #decision} gives: the facts and the state they lead to. */
    record Decision<F, S>(List<F> facts, S state) {
        public Decision {
            facts = List.copyOf(facts);
        }
    }
}
