package com.musiccorp.sagastatus.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The projection as the platform's Decider: the facts it decides fold to what SagaProjection folds. */
class SagaDeciderTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Duration STALL_AFTER = Duration.ofMinutes(5);

    /** Decides and folds each event as the step does, keeping the omitted steps beside the saga. */
    private record Run(Saga saga, List<SagaFact> facts) {
        static Run of(List<SagaEvent> events) {
            OmittedSteps.InMemory omitted = new OmittedSteps.InMemory();
            SagaDecider decider = new SagaDecider(STALL_AFTER, omitted);
            Saga saga = decider.initialState();
            List<SagaFact> all = new ArrayList<>();
            for (SagaEvent e : events) {
                var decision = decider.decision(new SagaInput.Observed(e), saga, NOW);
                decision.facts().stream().filter(SagaFact.StepOmitted.class::isInstance)
                        .forEach(f -> omitted.addAll(e.correlationId(), List.of(((SagaFact.StepOmitted) f).step())));
                all.addAll(decision.facts());
                saga = decision.state();
            }
            return new Run(saga, all);
        }
    }

    @Test
    void aRetryStormDecidesTheSagaTheProjectionFoldsAndEachOmittedStepOnce() {
        List<SagaEvent> storm = Events.read(Events.forOrder("order-decided").retryStorm(30, "no van"));
        List<SagaEvent> redelivered = new ArrayList<>(storm);
        redelivered.addAll(storm); // every event again: duplicates, kept or omitted, decide nothing

        Run run = Run.of(redelivered);

        assertThat(run.saga()).isEqualTo(SagaProjection.foldAll(storm, NOW));
        assertThat(run.facts()).filteredOn(SagaFact.EventFolded.class::isInstance).hasSize(storm.size());
        assertThat(run.facts()).filteredOn(SagaFact.StepOmitted.class::isInstance)
                .hasSize((int) run.saga().omittedSteps());
        assertThat(run.saga().omittedSteps()).isPositive();
        assertThat(run.facts()).filteredOn(SagaFact.TransitionCompleted.class::isInstance).isNotEmpty();
    }

    @Test
    void evolveGivesTheSagaTheDecisionAdvancedToAndAdvancesAnyOtherSagaItself() {
        List<SagaEvent> events = Events.read(Events.forOrder("order-evolved").happyPath());
        SagaDecider decider = new SagaDecider(STALL_AFTER, OmittedSteps.none());
        Saga before = Run.of(events.subList(0, 3)).saga();
        SagaEvent next = events.get(3);

        var decision = decider.decision(new SagaInput.Observed(next), before, NOW);
        SagaFact.EventFolded folded = (SagaFact.EventFolded) decision.facts().getFirst();
        Saga advanced = SagaProjection.advance(before, next, NOW).saga();

        assertThat(decision.state()).isEqualTo(advanced);
        assertThat(decider.evolve(before, folded)).isSameAs(decision.state());
        // Not the saga or the time the decider folded last: advanced as a fresh decider would.
        Saga equalCopy = Run.of(events.subList(0, 3)).saga();
        assertThat(decider.evolve(equalCopy, folded)).isEqualTo(advanced).isNotSameAs(decision.state());
        SagaFact.EventFolded later = new SagaFact.EventFolded(next, NOW.plusSeconds(1));
        assertThat(decider.evolve(before, later)).isEqualTo(SagaProjection.advance(before, next, NOW.plusSeconds(1)).saga());
    }

    @Test
    void aStallCheckFlagsOnlyASagaDueAndNotYetFlagged() {
        Events order = Events.forOrder("order-stalling");
        SagaDecider decider = new SagaDecider(STALL_AFTER, OmittedSteps.none());
        Saga saga = Run.of(Events.read(List.of(order.placed()))).saga();
        String id = saga.correlationId();

        assertThat(decider.decide(new SagaInput.StallCheck(id), saga, NOW.plus(STALL_AFTER).minusMillis(1))).isEmpty();
        var stalled = decider.decision(new SagaInput.StallCheck(id), saga, NOW.plus(STALL_AFTER).plusSeconds(7));

        assertThat(stalled.facts()).containsExactly(new SagaFact.Stalled(NOW.plus(STALL_AFTER)));
        assertThat(stalled.state().status()).isEqualTo(SagaStatus.STALLED);
        assertThat(decider.decide(new SagaInput.StallCheck(id), stalled.state(), NOW.plus(STALL_AFTER.multipliedBy(3))))
                .isEmpty();
        assertThat(decider.decide(new SagaInput.StallCheck(id), decider.initialState(), NOW)).isEmpty();
    }
}
