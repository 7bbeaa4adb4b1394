package com.musiccorp.sagastatus.domain;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.StockInsufficient;
import com.musiccorp.events.StockReserved;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A saga that stops progressing is flagged STALLED with what it waits for; progress clears it. */
class StallTest {

    static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    static final Duration AFTER = Duration.ofSeconds(30);
    final Events order = Events.forOrder("order-3");

    @Test
    void noProgressForTheConfiguredTimeStallsAndTheNextEventClearsIt() {
        OrderPlaced placed = order.placed();
        StockReserved reserved = order.reserved(placed);
        Saga saga = SagaProjection.foldAll(Events.read(List.of(placed, reserved)), T);

        assertThat(SagaProjection.checkStall(saga, T.plus(AFTER).minusMillis(1), AFTER)).isSameAs(saga);
        Saga stalled = SagaProjection.checkStall(saga, T.plus(AFTER).plusSeconds(7), AFTER);
        assertThat(stalled.status()).isEqualTo(SagaStatus.STALLED);
        assertThat(stalled.stalledSince()).as("since it crossed the threshold").isEqualTo(T.plus(AFTER));
        assertThat(stalled.updatedAt()).isEqualTo(T.plus(AFTER));
        assertThat(stalled.version()).isEqualTo(saga.version());
        assertThat(stalled.awaiting()).containsExactly(new Awaited("payments", List.of("PaymentTaken", "PaymentFailed")));
        assertThat(SagaProjection.checkStall(stalled, T.plus(AFTER.multipliedBy(3)), AFTER)).isSameAs(stalled);

        Instant later = T.plus(AFTER.multipliedBy(4));
        Saga progressed = SagaProjection.fold(stalled, Events.read(order.taken(reserved)), later).saga();
        assertThat(progressed.status()).isEqualTo(SagaStatus.IN_PROGRESS);
        assertThat(progressed.stalledSince()).isNull();
        assertThat(progressed.lastProgressAt()).isEqualTo(later);
    }

    @Test
    void statusSinceMovesOnlyWhenTheStatusChanges() {
        OrderPlaced placed = order.placed();
        Saga begun = SagaProjection.fold(null, Events.read(placed), T).saga();
        StockReserved reserved = order.reserved(placed);
        Saga progressed = SagaProjection.fold(begun, Events.read(reserved), T.plusSeconds(1)).saga();
        assertThat(progressed.statusSince()).as("still IN_PROGRESS: since it began").isEqualTo(T);
        assertThat(progressed.updatedAt()).isEqualTo(T.plusSeconds(1));

        Saga stalled = SagaProjection.checkStall(progressed, T.plus(AFTER.multipliedBy(2)), AFTER);
        assertThat(stalled.statusSince()).isEqualTo(T.plusSeconds(1).plus(AFTER));
        Instant later = T.plus(AFTER.multipliedBy(3));
        Saga resumed = SagaProjection.fold(stalled, Events.read(order.taken(reserved)), later).saga();
        assertThat(resumed.status()).isEqualTo(SagaStatus.IN_PROGRESS);
        assertThat(resumed.statusSince()).as("IN_PROGRESS again, since the event that cleared the stall").isEqualTo(later);
    }

    @Test
    void aDuplicateIsNotProgressAndDoesNotClearTheStall() {
        OrderPlaced placed = order.placed();
        Saga stalled = SagaProjection.checkStall(SagaProjection.foldAll(Events.read(List.of(placed)), T),
                T.plus(AFTER), AFTER);
        assertThat(SagaProjection.fold(stalled, Events.read(placed), T.plus(AFTER.multipliedBy(2))).saga().status())
                .isEqualTo(SagaStatus.STALLED);
    }

    @Test
    void aCompensatingSagaStallsTooWaitingForTheCancellation() {
        OrderPlaced placed = order.placed();
        Saga saga = SagaProjection.foldAll(Events.read(List.of(placed, order.insufficient(placed))), T);
        Saga stalled = SagaProjection.checkStall(saga, T.plus(AFTER), AFTER);
        assertThat(stalled.status()).isEqualTo(SagaStatus.STALLED);
        assertThat(stalled.awaiting()).containsExactly(new Awaited("orders", List.of("OrderCancelled")));
    }

    @Test
    void terminalSagasAndSagasWaitingForAPersonNeverStall() {
        Saga completed = SagaProjection.foldAll(Events.read(order.happyPath()), T);
        assertThat(SagaProjection.checkStall(completed, T.plus(Duration.ofDays(30)), AFTER)).isSameAs(completed);

        OrderPlaced placed = order.placed();
        StockInsufficient insufficient = order.insufficient(placed);
        Saga cancelled = SagaProjection.foldAll(Events.read(List.of(placed, insufficient,
                order.cancelled(insufficient, CancellationReason.INSUFFICIENT_STOCK, "short"))), T);
        assertThat(SagaProjection.checkStall(cancelled, T.plus(Duration.ofDays(30)), AFTER)).isSameAs(cancelled);

        var packaged = order.packaged(order.taken(order.reserved(placed)));
        Saga attention = SagaProjection.foldAll(Events.read(List.of(placed, order.reserved(placed),
                order.taken(order.reserved(placed)), packaged, order.dispatchFailed(packaged))), T);
        assertThat(SagaProjection.checkStall(attention, T.plus(Duration.ofDays(30)), AFTER).status())
                .isEqualTo(SagaStatus.NEEDS_ATTENTION);
    }
}
