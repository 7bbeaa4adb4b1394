package com.musiccorp.sagastatus.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The projection's rules, without Kafka: fold an event into its saga, and flag a saga that stopped
 * progressing. The wall clock is a parameter (the topology passes Streams' wall-clock time), so the
 * same inputs always give the same saga.
 */
public final class SagaProjection {

    private SagaProjection() {
    }

    /**
     * The result of folding one event: the saga after it, the choreography edges it completed, and
     * the step it left out of the bounded timeline ({@link TimelineBounds}), to remember in
     * {@link OmittedSteps}; null when none.
     */
    public record Folded(Saga saga, boolean changed, List<Transition> transitions, OmittedStep omitted) {
    }

    /** {@link #fold(Saga, SagaEvent, Instant, OmittedSteps)} of a saga that never omitted a step. */
    public static Folded fold(Saga saga, SagaEvent event, Instant observedAt) {
        return fold(saga, event, observedAt, OmittedSteps.none());
    }

    /**
     * Folds {@code event} into {@code saga} (null: the saga's first event). A duplicate (an event id
     * already folded, kept or omitted) changes nothing and completes no transition. A new event
     * clears a stall. Each cause→effect pair is reported once: when the later-arriving of the two
     * is folded, whether the other is kept in the timeline or omitted.
     *
     * @param observedAt wall-clock time of folding: the saga's progress time
     * @param omitted    the steps this saga left out of its timeline so far
     */
    public static Folded fold(Saga saga, SagaEvent event, Instant observedAt, OmittedSteps omitted) {
        String correlationId = event.correlationId();
        if (saga != null && !saga.correlationId().equals(correlationId)) {
            throw new IllegalArgumentException("event " + event.eventId() + " of saga " + correlationId
                    + " folded into saga " + saga.correlationId());
        }
        if (saga != null && (saga.contains(event.eventId()) || isOmitted(saga, omitted, event.eventId()))) {
            return new Folded(saga, false, List.of(), null);
        }
        List<Transition> transitions = new ArrayList<>();
        if (saga != null) {
            if (event.causationId() != null) {
                cause(saga, omitted, event.causationId()).ifPresent(cause -> transitions.add(new Transition(
                        cause.eventType(), event.eventType(), millisBetween(cause.occurredAt(), event.occurredAt()))));
            }
            List<OmittedStep> effects = new ArrayList<>();
            for (Step s : saga.steps()) {
                if (event.eventId().equals(s.causationId())) effects.add(OmittedStep.of(s));
            }
            if (saga.omittedSteps() > 0) effects.addAll(omitted.effectsOf(correlationId, event.eventId()));
            if (effects.size() > 1) effects.sort(Comparator.comparing(OmittedStep::eventId));
            for (OmittedStep effect : effects) {
                transitions.add(new Transition(event.eventType(), effect.eventType(),
                        millisBetween(event.occurredAt(), effect.occurredAt())));
            }
        }
        Advanced advanced = advance(saga, event, observedAt);
        return new Folded(advanced.saga(), true, List.copyOf(transitions), advanced.omitted());
    }

    /** A new event added to a saga: the saga after it, and the step its bounded timeline left out (or null). */
    public record Advanced(Saga saga, OmittedStep omitted) {
    }

    /**
     * {@code event}, known to be new to {@code saga} (null: its first event), added to its timeline:
     * what {@link #fold} stores, without the duplicate check and the transitions, which need the
     * omitted steps. It depends on the saga and the event alone.
     */
    public static Advanced advance(Saga saga, SagaEvent event, Instant observedAt) {
        List<Step> steps = new ArrayList<>(saga != null ? saga.steps() : List.of());
        steps.add(Step.of(event));
        TimelineBounds.Kept kept = TimelineBounds.keep(steps);
        List<String> types = new ArrayList<>(saga != null ? saga.eventTypes() : List.of());
        int at = Collections.binarySearch(types, event.eventType()); // kept sorted, so the saga need not sort them
        if (at < 0) types.add(-at - 1, event.eventType());
        Saga next = new Saga(event.correlationId(),
                saga != null && saga.orderId() != null ? saga.orderId() : event.orderId(),
                saga != null && saga.customerId() != null ? saga.customerId() : event.customerId(),
                TimelineOrder.sort(kept.steps()), observedAt, null,
                (saga != null ? saga.omittedSteps() : 0) + (kept.omitted() != null ? 1 : 0), types, observedAt);
        if (saga != null && saga.status() == next.status()) next = next.withStatusSince(saga.statusSince());
        return new Advanced(next, kept.omitted() == null ? null : OmittedStep.of(kept.omitted()));
    }

    /** Folds events in the given order with one observation time (a rebuild), omitted steps kept in memory. */
    public static Saga foldAll(List<SagaEvent> events, Instant observedAt) {
        OmittedSteps.InMemory omitted = new OmittedSteps.InMemory();
        Saga saga = null;
        for (SagaEvent e : events) {
            Folded folded = fold(saga, e, observedAt, omitted);
            if (folded.omitted() != null) omitted.addAll(e.correlationId(), List.of(folded.omitted()));
            saga = folded.saga();
        }
        return saga;
    }

    /**
     * The saga flagged STALLED if it can stall (IN_PROGRESS or COMPENSATING), is not flagged yet,
     * and made no progress for {@code stallAfter} up to {@code now}; otherwise the same saga.
     * It is stalled since {@code lastProgressAt + stallAfter}, however late the check ran.
     */
    public static Saga checkStall(Saga saga, Instant now, Duration stallAfter) {
        if (saga.stalledSince() != null || !saga.baseStatus().canStall()) {
            return saga;
        }
        Instant due = saga.lastProgressAt().plus(stallAfter);
        return now.isBefore(due) ? saga : saga.withStalledSince(due);
    }

    private static boolean isOmitted(Saga saga, OmittedSteps omitted, String eventId) {
        return saga.omittedSteps() > 0 && omitted.find(saga.correlationId(), eventId).isPresent();
    }

    private static Optional<OmittedStep> cause(Saga saga, OmittedSteps omitted, String causationId) {
        return saga.step(causationId).map(OmittedStep::of)
                .or(() -> saga.omittedSteps() > 0 ? omitted.find(saga.correlationId(), causationId)
                        : Optional.empty());
    }

    private static long millisBetween(Instant from, Instant to) {
        return to.toEpochMilli() - from.toEpochMilli();
    }
}
