package com.musiccorp.sagastatus.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

import static com.musiccorp.sagastatus.domain.EventTypes.*;

/**
 * One saga (one order's process), folded from every context's events by correlation id.
 *
 * <p>Status rules, on the SET of events seen (so delivery order cannot change them):
 * <ol>
 *   <li>{@code OrderCompleted} seen → COMPLETED;</li>
 *   <li>else {@code OrderCancelled} seen → CANCELLED;</li>
 *   <li>else {@code DispatchFailed} seen and no {@code OrderDispatched} → NEEDS_ATTENTION (a person
 *       retries the dispatch or cancels);</li>
 *   <li>else {@code StockInsufficient}, {@code PaymentFailed} or {@code ItemNotFound} seen →
 *       COMPENSATING (the contexts are undoing; OrderCancelled ends it);</li>
 *   <li>else IN_PROGRESS.</li>
 * </ol>
 * An IN_PROGRESS or COMPENSATING saga with no new event for the configured time is STALLED
 * ({@link #stalledSince}); the next new event clears it. {@code EventRejected},
 * {@code NotificationSent} and {@code DispatchDelayed} never change the status by themselves.
 *
 * @param steps          the kept distinct events ({@link TimelineBounds}: the first and the last), in
 *                       timeline order ({@link TimelineOrder})
 * @param lastProgressAt wall-clock time the last new event was folded (what stalling measures)
 * @param stalledSince   when the saga crossed the stall threshold; null while not stalled
 * @param omittedSteps   distinct events folded but not kept in {@code steps}
 * @param eventTypes     the types of every distinct event folded, kept or not, sorted: what the
 *                       status rules read (a closed set, so bounded)
 * @param statusSince    wall-clock time the saga entered its current status: what listings order and
 *                       filter by, so the status index changes only when the status does (a saga
 *                       stored before it existed reads {@link #updatedAt})
 */
public record Saga(
        String correlationId,
        String orderId,
        String customerId,
        List<Step> steps,
        Instant lastProgressAt,
        Instant stalledSince,
        long omittedSteps,
        List<String> eventTypes,
        Instant statusSince) {

    public Saga {
        Objects.requireNonNull(correlationId, "correlationId");
        steps = List.copyOf(steps);
        // A saga stored before eventTypes existed kept every step: its types are its steps' types.
        eventTypes = sortedDistinct(eventTypes != null ? eventTypes : steps.stream().map(Step::eventType).toList());
        if (statusSince == null) statusSince = stalledSince != null ? stalledSince : lastProgressAt;
    }

    /** The types sorted, each once; types already so (as every fold keeps them) are not sorted again. */
    private static List<String> sortedDistinct(List<String> types) {
        for (int i = 1; i < types.size(); i++) {
            if (types.get(i - 1).compareTo(types.get(i)) >= 0) {
                return List.copyOf(new TreeSet<>(types));
            }
        }
        return List.copyOf(types);
    }

    /** A saga that kept every step. */
    public Saga(String correlationId, String orderId, String customerId, List<Step> steps, Instant lastProgressAt,
                Instant stalledSince) {
        this(correlationId, orderId, customerId, steps, lastProgressAt, stalledSince, 0, null, null);
    }

    /** Number of distinct events folded; grows by one with each new event, never on a duplicate. */
    public long version() {
        return steps.size() + omittedSteps;
    }

    public SagaStatus status() {
        SagaStatus base = baseStatus();
        return stalledSince != null && base.canStall() ? SagaStatus.STALLED : base;
    }

    /** The status from the events alone, ignoring stalling. */
    public SagaStatus baseStatus() {
        if (has(ORDER_COMPLETED)) return SagaStatus.COMPLETED;
        if (has(ORDER_CANCELLED)) return SagaStatus.CANCELLED;
        if (has(DISPATCH_FAILED) && !has(ORDER_DISPATCHED)) return SagaStatus.NEEDS_ATTENTION;
        if (has(STOCK_INSUFFICIENT) || has(PAYMENT_FAILED) || has(ITEM_NOT_FOUND)) return SagaStatus.COMPENSATING;
        return SagaStatus.IN_PROGRESS;
    }

    /** The last change to the saga (a new event, or being flagged as stalled): what listings filter on. */
    public Instant updatedAt() {
        return stalledSince != null ? stalledSince : lastProgressAt;
    }

    /** Whether {@code eventId} is a kept step (an omitted one is known to {@link OmittedSteps}). */
    public boolean contains(String eventId) {
        return indexOf(eventId) >= 0;
    }

    public Optional<Step> step(String eventId) {
        int at = indexOf(eventId);
        return at < 0 ? Optional.empty() : Optional.of(steps.get(at));
    }

    /** A loop, not a stream: the fold asks this two or three times per event. */
    private int indexOf(String eventId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).eventId().equals(eventId)) return i;
        }
        return -1;
    }

    /** Whether an event of this type was folded, kept in the timeline or not. */
    public boolean has(String eventType) {
        return eventTypes.contains(eventType);
    }

    /** The compensations that ran (StockReleased, PaymentRefunded) among the kept steps, in timeline order. */
    public List<Step> compensations() {
        return steps.stream().filter(s -> s.kind() == StepKind.COMPENSATION).toList();
    }

    /**
     * Why the saga did not simply complete: the reason of the first failure in the (kept) timeline
     * (StockInsufficient, PaymentFailed, ItemNotFound, DispatchFailed); without one, the
     * cancellation's reason (e.g. an operator's); without that, the first rejection's; else empty.
     */
    public Optional<String> failureReason() {
        return firstReason(StepKind.FAILURE)
                .or(() -> firstReason(StepKind.CANCELLATION))
                .or(() -> firstReason(StepKind.REJECTION));
    }

    /** The step(s) the saga waits for and the context that owes each; empty once it is terminal. */
    public List<Awaited> awaiting() {
        return switch (baseStatus()) {
            case COMPLETED, CANCELLED, STALLED -> List.of();
            case NEEDS_ATTENTION -> List.of(
                    Awaited.of(WAREHOUSE, ORDER_DISPATCHED), // after an operator retries the dispatch
                    Awaited.of(ORDERS, ORDER_CANCELLED));    // after an operator cancels
            case COMPENSATING -> compensationsOwed();
            case IN_PROGRESS -> List.of(nextOnHappyPath());
        };
    }

    private Awaited nextOnHappyPath() {
        if (!has(ORDER_PLACED)) return Awaited.of(ORDERS, ORDER_PLACED);
        if (!has(STOCK_RESERVED)) return Awaited.of(WAREHOUSE, STOCK_RESERVED, STOCK_INSUFFICIENT);
        if (!has(PAYMENT_TAKEN)) return Awaited.of(PAYMENTS, PAYMENT_TAKEN, PAYMENT_FAILED);
        if (!has(ORDER_PACKAGED)) return Awaited.of(WAREHOUSE, ORDER_PACKAGED, ITEM_NOT_FOUND);
        if (!has(ORDER_DISPATCHED)) return Awaited.of(WAREHOUSE, ORDER_DISPATCHED, DISPATCH_FAILED);
        if (!has(POINTS_AWARDED)) return Awaited.of(LOYALTY, POINTS_AWARDED);
        return Awaited.of(ORDERS, ORDER_COMPLETED);
    }

    private List<Awaited> compensationsOwed() {
        List<Awaited> owed = new ArrayList<>();
        if (has(PAYMENT_FAILED) && !has(STOCK_RELEASED)) owed.add(Awaited.of(WAREHOUSE, STOCK_RELEASED));
        if (has(ITEM_NOT_FOUND) && has(PAYMENT_TAKEN) && !has(PAYMENT_REFUNDED)) {
            owed.add(Awaited.of(PAYMENTS, PAYMENT_REFUNDED));
        }
        owed.add(Awaited.of(ORDERS, ORDER_CANCELLED));
        return List.copyOf(owed);
    }

    private Optional<String> firstReason(StepKind kind) {
        return steps.stream().filter(s -> s.kind() == kind && s.reason() != null).map(Step::reason).findFirst();
    }

    /** Flagged STALLED at {@code at}, the status it entered then. */
    Saga withStalledSince(Instant at) {
        return new Saga(correlationId, orderId, customerId, steps, lastProgressAt, at, omittedSteps, eventTypes, at);
    }

    /** The same saga, in its status since {@code at}. */
    Saga withStatusSince(Instant at) {
        return new Saga(correlationId, orderId, customerId, steps, lastProgressAt, stalledSince, omittedSteps,
                eventTypes, at);
    }
}
