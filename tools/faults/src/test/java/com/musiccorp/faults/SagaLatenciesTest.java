package com.musiccorp.faults;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class SagaLatenciesTest {
    @Test
    void percentilesAreNearestRank() {
        SagaLatencies.Summary s = SagaLatencies.Summary.of(LongStream.rangeClosed(1, 100).boxed().toList());
        assertThat(s).isEqualTo(new SagaLatencies.Summary(100, 50, 99, 100));
        assertThat(SagaLatencies.Summary.of(List.of()).p99()).isEqualTo(-1);
    }

    @Test
    void aTallyKeepsCountsAndTheFirstExamples() {
        var t = new InvariantResult.Tally("x");
        for (int i = 0; i < 20; i++) t.check(i % 2 == 0, "case " + i);
        InvariantResult r = t.result();
        assertThat(r.checked()).isEqualTo(20);
        assertThat(r.violations()).isEqualTo(10);
        assertThat(r.examples()).hasSize(InvariantResult.EXAMPLES).first().isEqualTo("case 1");
        assertThat(r.holds()).isFalse();
    }
}
