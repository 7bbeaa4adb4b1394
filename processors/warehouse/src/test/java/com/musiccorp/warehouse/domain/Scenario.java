package com.musiccorp.warehouse.domain;

import com.musiccorp.platform.decider.Decider;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given / when / then for a {@link Decider}, as plain functions: {@code given} runs earlier inputs on
 * the live path, {@code when} decides one more, {@code then} checks what it decided and the state.
 */
final class Scenario<I, E, S> {
    private final Decider<I, E, S> decider;
    private S state;
    private final List<E> history = new ArrayList<>();

    private Scenario(Decider<I, E, S> decider) {
        this.decider = decider;
        this.state = decider.initialState();
    }

    static <I, E, S> Scenario<I, E, S> given(Decider<I, E, S> decider, List<? extends I> inputs) {
        var scenario = new Scenario<>(decider);
        inputs.forEach(scenario::apply);
        return scenario;
    }

    /** From a state no input of this version leads to (one an earlier version stored); its history starts empty. */
    static <I, E, S> Scenario<I, E, S> from(Decider<I, E, S> decider, S stored) {
        var scenario = new Scenario<>(decider);
        scenario.state = stored;
        return scenario;
    }

    @SafeVarargs
    static <I, E, S> Scenario<I, E, S> given(Decider<I, E, S> decider, I... inputs) {
        return given(decider, List.of(inputs));
    }

    /** Live path: decide and evolve; returns what was decided. */
    List<E> apply(I input) {
        var decision = decider.decision(input, state, Fixtures.DECIDED_AT);
        state = decision.state();
        history.addAll(decision.facts());
        return decision.facts();
    }

    Then<E, S> when(I input) {
        S before = state;
        List<E> events = apply(input);
        return new Then<>(events, before, state);
    }

    S state() {
        return state;
    }

    /** Every fact decided so far, in order: what the changelog would hold. */
    List<E> history() {
        return List.copyOf(history);
    }

    /** A rebuild: fold of the history from the initial state. */
    S rebuilt() {
        return decider.fold(history);
    }

    record Then<E, S>(List<E> events, S before, S after) {
        @SafeVarargs
        final Then<E, S> then(E... expected) {
            assertThat(events).containsExactly(expected);
            return this;
        }

        Then<E, S> thenNothing() {
            assertThat(events).isEmpty();
            assertThat(after).isEqualTo(before);
            return this;
        }
    }
}
