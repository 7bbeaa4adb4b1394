package com.musiccorp.sagastatus.domain;

import java.time.Instant;

/**
 * What the projection records about a saga. A projection publishes nothing: {@link EventFolded} and
 * {@link Stalled} change the saga; {@link StepOmitted} and {@link TransitionCompleted} leave it as
 * it is and are kept beside it (the omitted steps, the choreography's statistics).
 */
public sealed interface SagaFact {

    /** A new event of the saga, folded at wall-clock {@code observedAt}. */
    record EventFolded(SagaEvent event, Instant observedAt) implements SagaFact {
    }

    /** The step the bounded timeline of saga {@code correlationId} left out when an event was folded ({@link TimelineBounds}). */
    record StepOmitted(String correlationId, OmittedStep step) implements SagaFact {
    }

    /** A cause and its effect are both in the saga now: one edge of the choreography, counted once. */
    record TransitionCompleted(Transition transition) implements SagaFact {
    }

    /** The saga made no progress for the stall time: stalled since {@code since}. */
    record Stalled(Instant since) implements SagaFact {
    }
}
