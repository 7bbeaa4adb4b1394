package com.musiccorp.sagastatus.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The projection's rules, without Kafka: fold an event into its saga, and flag a saga that stopped
 * progressing. The wall clock is a parameter (the topology passes Streams' wall-clock time), so the
 * same inputs always give the same saga.
 */
public final class SagaProjection {

    private SagaProjection() {
    }

    /** The result of folding one event: the saga after it, and the choreography edges it completed. */
    public record Folded(Saga saga, boolean changed, List<Transition> transitions) {
    }

    /**
     * Folds {@code event} into {@code saga} (null: the saga's first event). A duplicate (an event id
     * already folded) changes nothing and completes no transition. A new event clears a stall.
     * Each cause→effect pair is reported once: when the later-arriving of the two is folded.
     *
     * @param observedAt wall-clock time of folding: the saga's progress time
     */
    public static Folded fold(Saga saga, SagaEvent event, Instant observedAt) {
        if (saga != null && saga.contains(event.eventId())) {
            return new Folded(saga, false, List.of());
        }
        if (saga != null && !saga.correlationId().equals(event.correlationId())) {
            throw new IllegalArgumentException("event " + event.eventId() + " of saga " + event.correlationId()
                    + " folded into saga " + saga.correlationId());
        }
        List<Transition> transitions = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        if (saga != null) {
            steps.addAll(saga.steps());
            if (event.causationId() != null) {
                saga.step(event.causationId()).ifPresent(cause -> transitions.add(between(cause, event.eventType(),
                        event.occurredAt())));
            }
            for (Step effect : saga.steps()) {
                if (event.eventId().equals(effect.causationId())) {
                    transitions.add(new Transition(event.eventType(), effect.eventType(),
                            effect.occurredAt().toEpochMilli() - event.occurredAt().toEpochMilli()));
                }
            }
        }
        steps.add(Step.of(event));
        Saga next = new Saga(event.correlationId(),
                saga != null && saga.orderId() != null ? saga.orderId() : event.orderId(),
                saga != null && saga.customerId() != null ? saga.customerId() : event.customerId(),
                TimelineOrder.sort(steps), observedAt, null);
        return new Folded(next, true, List.copyOf(transitions));
    }

    /** Folds events in the given order with one observation time (a rebuild). */
    public static Saga foldAll(List<SagaEvent> events, Instant observedAt) {
        Saga saga = null;
        for (SagaEvent e : events) {
            saga = fold(saga, e, observedAt).saga();
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

    private static Transition between(Step cause, String effectType, Instant effectAt) {
        return new Transition(cause.eventType(), effectType, effectAt.toEpochMilli() - cause.occurredAt().toEpochMilli());
    }
}
