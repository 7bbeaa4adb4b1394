package com.musiccorp.sagastatus.domain;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A saga whose dispatch an operator retries again and again keeps a bounded timeline: the first
 * and last steps, the rest counted; which steps are kept, the version, the status and every
 * transition count are the same whatever order and however often the events are delivered.
 */
class BoundedTimelineTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final int RETRIES = 100;

    @Test
    void aRetryStormKeepsTheFirstAndLastStepsAndCountsTheRest() {
        List<SpecificRecord> events = Events.forOrder("order-storm").retryStorm(RETRIES, "carrier has no van");
        Saga saga = SagaProjection.foldAll(Events.read(events), NOW);

        assertThat(saga.version()).isEqualTo(events.size());
        assertThat(saga.steps()).hasSize(TimelineBounds.HEAD + TimelineBounds.TAIL);
        assertThat(saga.omittedSteps()).isEqualTo(events.size() - TimelineBounds.HEAD - TimelineBounds.TAIL);
        assertThat(saga.steps().getFirst().eventType()).isEqualTo("OrderPlaced");
        assertThat(saga.steps().getLast().eventType()).isEqualTo("DispatchFailed");
        assertThat(saga.steps().getLast().summary()).contains("after " + RETRIES + " attempts");
        assertThat(saga.status()).as("status reads every event type, kept or not").isEqualTo(SagaStatus.NEEDS_ATTENTION);
        assertThat(saga.failureReason()).hasValue("carrier has no van");
    }

    @Test
    void shuffledAndRedeliveredEventsKeepTheSameStepsAndCountEachTransitionOnce() {
        List<SagaEvent> events = Events.read(Events.forOrder("order-storm").retryStorm(RETRIES, "no van"));
        Folding inOrder = Folding.of(events);
        assertThat(inOrder.saga.omittedSteps()).isPositive();
        assertThat(inOrder.transitionCount()).as("every event but the first has its cause in the saga")
                .isEqualTo(events.size() - 1);

        for (long seed = 1; seed <= 10; seed++) {
            List<SagaEvent> delivered = new ArrayList<>(events);
            delivered.addAll(events.subList(0, events.size() / 2)); // redeliveries, many of omitted steps
            Collections.shuffle(delivered, new Random(seed));
            Folding shuffled = Folding.of(delivered);
            assertThat(shuffled.saga).as("seed %s", seed).isEqualTo(inOrder.saga);
            assertThat(shuffled.transitions).as("seed %s", seed).isEqualTo(inOrder.transitions);
        }
    }

    @Test
    void longTextsAreCutSoNoStepCanBeLarge() {
        String reason = "ü".repeat(5_000);
        Saga saga = SagaProjection.foldAll(Events.read(Events.forOrder("order-long").retryStorm(2, reason)), NOW);
        assertThat(saga.steps()).allSatisfy(s -> {
            assertThat(s.summary().length()).isLessThanOrEqualTo(TimelineBounds.MAX_TEXT_LENGTH);
            if (s.reason() != null) assertThat(s.reason().length()).isLessThanOrEqualTo(TimelineBounds.MAX_TEXT_LENGTH);
        });
        assertThat(saga.failureReason().orElseThrow()).endsWith("…");
    }

    /** A fold as the topology does it: omitted steps remembered beside the saga, transitions summed per key. */
    private record Folding(Saga saga, Map<String, Long> transitions) {
        static Folding of(List<SagaEvent> events) {
            OmittedSteps.InMemory omitted = new OmittedSteps.InMemory();
            Map<String, Long> transitions = new TreeMap<>();
            Saga saga = null;
            for (SagaEvent e : events) {
                SagaProjection.Folded folded = SagaProjection.fold(saga, e, NOW, omitted);
                if (folded.omitted() != null) omitted.addAll(e.correlationId(), List.of(folded.omitted()));
                folded.transitions().forEach(t -> transitions.merge(t.key() + "@" + t.latencyMillis(), 1L, Long::sum));
                saga = folded.saga();
            }
            return new Folding(saga, transitions);
        }

        long transitionCount() {
            return transitions.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
