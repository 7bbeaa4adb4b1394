package com.musiccorp.orders.domain;

import com.musiccorp.events.EventRejected;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderCompleted;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderPackaged;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.StockReserved;
import com.musiccorp.schemas.Causation;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.musiccorp.orders.domain.Saga.itemNotFound;
import static com.musiccorp.orders.domain.Saga.orderDispatched;
import static com.musiccorp.orders.domain.Saga.orderPackaged;
import static com.musiccorp.orders.domain.Saga.paymentFailed;
import static com.musiccorp.orders.domain.Saga.paymentRefunded;
import static com.musiccorp.orders.domain.Saga.paymentTaken;
import static com.musiccorp.orders.domain.Saga.pointsAwarded;
import static com.musiccorp.orders.domain.Saga.stockInsufficient;
import static com.musiccorp.orders.domain.Saga.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;

class OrderDuplicatesAndIllegalTransitionsTest {

    private final Saga saga = new Saga();

    @AfterEach
    void rebuild_from_the_log_equals_the_live_state() {
        saga.assertRebuildEqualsLive();
    }

    /** Asserts that {@code event} is rejected with {@code reason} and changes nothing but bookkeeping. */
    private EventRejected assertRejected(SpecificRecord event, String reason) {
        Order before = saga.state;
        List<SpecificRecord> emitted = saga.when(event);

        assertThat(emitted).singleElement().isInstanceOf(EventRejected.class);
        EventRejected rejected = (EventRejected) emitted.getFirst();
        assertThat(rejected.getReason()).isEqualTo(reason);
        assertThat(rejected.getRejectedEventType()).isEqualTo(event.getClass().getSimpleName());
        assertThat(rejected.getRejectedEventId()).isEqualTo(OrderEvents.metadata(event).getEventId().toString());
        assertThat(rejected.getMetadata()).isEqualTo(
                Causation.causedBy(OrderEvents.metadata(event), "orders", "EventRejected", 0, Saga.DECIDED_AT));
        assertThat(saga.state).usingRecursiveComparison().ignoringFields("seenEventIds", "history").isEqualTo(before);
        assertThat(saga.state.status()).isEqualTo(before.status());

        assertThat(saga.when(event)).as("a redelivered rejected event is a duplicate").isEmpty();
        return rejected;
    }

    @Test
    void a_redelivered_event_emits_nothing_and_changes_nothing() {
        OrderPlaced placed = saga.placed();
        StockReserved reserved = stockReserved(placed);
        saga.when(reserved);
        Order before = saga.state;

        assertThat(saga.when(reserved)).isEmpty();
        assertThat(saga.when(placed)).isEmpty(); // orders' own event read back
        assertThat(saga.state).isSameAs(before);
    }

    @Test
    void a_redelivered_final_event_does_not_complete_twice() {
        OrderPlaced placed = saga.placed();
        StockReserved reserved = stockReserved(placed);
        saga.when(reserved);
        PaymentTaken taken = paymentTaken(reserved);
        saga.when(taken);
        OrderPackaged packaged = orderPackaged(taken);
        saga.when(packaged);
        OrderDispatched dispatched = orderDispatched(packaged);
        saga.when(dispatched);
        var points = pointsAwarded(dispatched);
        List<SpecificRecord> completed = saga.when(points);

        assertThat(saga.when(points)).isEmpty();
        assertThat(saga.when(completed.getFirst())).isEmpty();
        assertThat(saga.state.status()).isEqualTo(OrderStatus.COMPLETED);
    }

    @Test
    void order_dispatched_on_a_cancelled_order_is_rejected() {
        OrderPlaced placed = saga.placed();
        saga.when(stockInsufficient(placed));

        assertRejected(orderDispatched(placed), "OrderDispatched in state CANCELLED");
    }

    @Test
    void a_second_order_completed_is_rejected() {
        OrderPlaced placed = saga.placed();
        StockReserved reserved = stockReserved(placed);
        saga.when(reserved);
        PaymentTaken taken = paymentTaken(reserved);
        saga.when(taken);
        OrderPackaged packaged = orderPackaged(taken);
        saga.when(packaged);
        OrderDispatched dispatched = orderDispatched(packaged);
        saga.when(dispatched);
        OrderCompleted first = (OrderCompleted) saga.when(pointsAwarded(dispatched)).getFirst();
        OrderCompleted second = OrderCompleted.newBuilder(first)
                .setMetadata(Causation.causedBy(first.getMetadata(), "orders", "OrderCompleted", 1,
                        first.getMetadata().getOccurredAt()))
                .build();

        assertRejected(second, "OrderCompleted in state COMPLETED");
    }

    @Test
    void a_second_payment_taken_is_rejected() {
        OrderPlaced placed = saga.placed();
        StockReserved reserved = stockReserved(placed);
        saga.when(reserved);
        PaymentTaken taken = paymentTaken(reserved);
        saga.when(taken);
        PaymentTaken again = PaymentTaken.newBuilder(taken)
                .setMetadata(Causation.causedBy(reserved.getMetadata(), "payments", "PaymentTaken", 1,
                        reserved.getMetadata().getOccurredAt()))
                .build();

        assertRejected(again, "PaymentTaken already recorded as event " + taken.getMetadata().getEventId());
    }

    @Test
    void contradicting_and_premature_facts_are_rejected() {
        OrderPlaced placed = saga.placed();
        StockReserved reserved = stockReserved(placed);

        assertRejected(orderPackaged(reserved), "OrderPackaged before StockReserved");
        saga.when(reserved);
        assertRejected(stockInsufficient(placed), "StockInsufficient after StockReserved");
        assertRejected(paymentRefunded(reserved), "PaymentRefunded before PaymentTaken");
        assertRejected(orderDispatched(reserved), "OrderDispatched before OrderPackaged");
        PaymentTaken taken = paymentTaken(reserved);
        saga.when(taken);
        assertRejected(paymentFailed(reserved), "PaymentFailed after PaymentTaken");
        OrderPackaged packaged = orderPackaged(taken);
        saga.when(packaged);
        assertRejected(itemNotFound(taken), "ItemNotFound after OrderPackaged");
        assertRejected(OrderCompleted.newBuilder()
                .setMetadata(Causation.causedBy(packaged.getMetadata(), "orders", "OrderCompleted", 0,
                        packaged.getMetadata().getOccurredAt()))
                .setOrderId(placed.getOrderId()).setCustomerId("cust-1").setCompletedAt(Saga.T0).build(),
                "OrderCompleted before OrderDispatched and PointsAwarded");

        assertThat(saga.state.status()).isEqualTo(OrderStatus.PACKED);
    }

    @Test
    void anything_on_a_completed_order_is_rejected() {
        OrderPlaced placed = saga.placed();
        StockReserved reserved = stockReserved(placed);
        saga.when(reserved);
        PaymentTaken taken = paymentTaken(reserved);
        saga.when(taken);
        OrderPackaged packaged = orderPackaged(taken);
        saga.when(packaged);
        OrderDispatched dispatched = orderDispatched(packaged);
        saga.when(dispatched);
        saga.when(pointsAwarded(dispatched));

        assertRejected(paymentRefunded(taken), "PaymentRefunded in state COMPLETED");
    }

    @Test
    void another_contexts_rejection_is_recorded_but_does_not_judge_for_orders() {
        OrderPlaced placed = saga.placed();
        StockReserved reserved = stockReserved(placed);
        PaymentTaken taken = paymentTaken(reserved);
        EventRejected byWarehouse = EventRejected.newBuilder()
                .setMetadata(Causation.causedBy(taken.getMetadata(), "warehouse", "EventRejected", 0,
                        taken.getMetadata().getOccurredAt()))
                .setOrderId(placed.getOrderId())
                .setRejectedEventId(taken.getMetadata().getEventId().toString())
                .setRejectedEventType("PaymentTaken")
                .setReason("PaymentTaken before StockReserved")
                .build();

        assertThat(saga.when(byWarehouse)).isEmpty();
        assertThat(saga.when(taken)).isEmpty();

        assertThat(saga.state.status()).isEqualTo(OrderStatus.PAID);
        assertThat(saga.state.history()).extracting(Order.HistoryEntry::note)
                .contains("PaymentTaken rejected: PaymentTaken before StockReserved");
    }

    @Test
    void a_rejected_event_replayed_from_its_topic_in_a_rebuild_stays_rejected() {
        OrderPlaced placed = saga.placed();
        saga.when(stockInsufficient(placed));
        OrderDispatched late = orderDispatched(placed);
        saga.when(late);

        Order rebuilt = OrderDecider.rebuild(saga.log);

        assertThat(rebuilt).isEqualTo(saga.state);
        assertThat(rebuilt.has(Fact.DISPATCHED)).isFalse();
        assertThat(saga.log.stream().filter(e -> e instanceof OrderCancelled)).hasSize(1);
    }
}
