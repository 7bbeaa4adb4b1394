package com.musiccorp.platform.decider;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeciderTest {

    /** A counter that refuses to go past 3: the smallest decider with a rule. */
    static final class Capped implements Decider<Integer, Integer, Integer> {
        @Override
        public List<Integer> decide(Integer add, Integer total, Instant decidedAt) {
            return total + add > 3 ? List.of() : List.of(add);
        }

        @Override
        public Integer evolve(Integer total, Integer added) {
            return total + added;
        }

        @Override
        public Integer initialState() {
            return 0;
        }
    }

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private final Capped decider = new Capped();

    @Test
    void theLivePathFoldsExactlyTheFactsItDecided() {
        Decider.Decision<Integer, Integer> first = decider.decision(2, decider.initialState(), NOW);
        Decider.Decision<Integer, Integer> second = decider.decision(2, first.state(), NOW);

        assertThat(first).isEqualTo(new Decider.Decision<>(List.of(2), 2));
        assertThat(second).isEqualTo(new Decider.Decision<>(List.of(), 2));
    }

    @Test
    void aRebuildFoldsTheRecordedFactsToTheSameState() {
        Decider.Decision<Integer, Integer> a = decider.decision(1, decider.initialState(), NOW);
        Decider.Decision<Integer, Integer> b = decider.decision(2, a.state(), NOW);

        assertThat(decider.fold(List.of(1, 2))).isEqualTo(b.state());
    }
}
