package com.musiccorp.sagastatus.domain;

import com.musiccorp.platform.decider.Decider;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The projection as the platform's {@link Decider}: the rules are {@link SagaProjection}'s. A new
 * event is folded (a duplicate, kept or omitted, decides nothing), with the step it left out of the
 * timeline and the transitions it completed; a stall check flags a saga that stopped progressing.
 *
 * <p>There is no saga before its first event: {@link #initialState()} is null.
 */
public final class SagaDecider implements Decider<SagaInput, SagaFact, Saga> {

    private final Duration stallAfter;
    private final OmittedSteps omitted;
    /**
     * The last event {@link #decide} folded, and the saga it gave: {@link #evolve} of that event on
     * that very saga returns it instead of advancing again (a timeline sort per new event, not two).
     * Advancing depends on the saga, the event and the time alone, so the answer is the same.
     */
    private Advance lastAdvance;

    private record Advance(Saga before, SagaEvent event, Instant observedAt, Saga after) {
        boolean isOf(Saga saga, SagaFact.EventFolded folded) {
            return before == saga && event == folded.event() && observedAt.equals(folded.observedAt());
        }
    }

    /**
     * @param stallAfter no progress for this long (wall clock) stalls a saga
     * @param omitted    the steps the sagas left out of their timelines so far (read to recognise a
     *                   duplicate and to complete transitions with an omitted cause or effect)
     */
    public SagaDecider(Duration stallAfter, OmittedSteps omitted) {
        this.stallAfter = stallAfter;
        this.omitted = omitted;
    }

    @Override
    public List<SagaFact> decide(SagaInput input, Saga saga, Instant decidedAt) {
        return switch (input) {
            case SagaInput.Observed observed -> fold(observed, saga, decidedAt);
            case SagaInput.StallCheck check -> {
                Saga checked = saga == null ? null : SagaProjection.checkStall(saga, decidedAt, stallAfter);
                yield checked == saga ? List.of() : List.of(new SagaFact.Stalled(checked.stalledSince()));
            }
        };
    }

    private List<SagaFact> fold(SagaInput.Observed observed, Saga saga, Instant decidedAt) {
        SagaProjection.Folded folded = SagaProjection.fold(saga, observed.event(), decidedAt, omitted);
        if (!folded.changed()) {
            return List.of();
        }
        lastAdvance = new Advance(saga, observed.event(), decidedAt, folded.saga());
        List<SagaFact> facts = new ArrayList<>();
        facts.add(new SagaFact.EventFolded(observed.event(), decidedAt));
        if (folded.omitted() != null) {
            facts.add(new SagaFact.StepOmitted(observed.event().correlationId(), folded.omitted()));
        }
        folded.transitions().forEach(t -> facts.add(new SagaFact.TransitionCompleted(t)));
        return facts;
    }

    @Override
    public Saga evolve(Saga saga, SagaFact fact) {
        return switch (fact) {
            case SagaFact.EventFolded folded when lastAdvance != null && lastAdvance.isOf(saga, folded) -> lastAdvance.after();
            case SagaFact.EventFolded folded -> saga != null && saga.contains(folded.event().eventId()) ? saga
                    : SagaProjection.advance(saga, folded.event(), folded.observedAt()).saga();
            case SagaFact.Stalled stalled -> saga.withStalledSince(stalled.since());
            case SagaFact.StepOmitted o -> saga;
            case SagaFact.TransitionCompleted t -> saga;
        };
    }

    @Override
    public Saga initialState() {
        return null;
    }
}
