package com.musiccorp.orders.domain;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderCompleted;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderPackaged;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.StockReserved;
import com.musiccorp.schemas.Causation;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.musiccorp.orders.domain.Saga.dispatchDelayed;
import static com.musiccorp.orders.domain.Saga.dispatchFailed;
import static com.musiccorp.orders.domain.Saga.itemNotFound;
import static com.musiccorp.orders.domain.Saga.orderDispatched;
import static com.musiccorp.orders.domain.Saga.orderPackaged;
import static com.musiccorp.orders.domain.Saga.paymentFailed;
import static com.musiccorp.orders.domain.Saga.paymentRefunded;
import static com.musiccorp.orders.domain.Saga.paymentTaken;
import static com.musiccorp.orders.domain.Saga.pointsAwarded;
import static com.musiccorp.orders.domain.Saga.stockInsufficient;
import static com.musiccorp.orders.domain.Saga.stockReleased;
import static com.musiccorp.orders.domain.Saga.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every path of docs/saga-choreography.md, as the orders context sees it. */
class OrderSagaTest {

    private final Saga saga = new Saga();

    @AfterEach
    void rebuild_from_the_log_equals_the_live_state() {
        saga.assertRebuildEqualsLive();
    }

    @Test
    void happy_path_completes_when_points_are_awarded_after_dispatch() {
        OrderPlaced placed = saga.placed();
        assertThat(saga.state.status()).isEqualTo(OrderStatus.PLACED);

        StockReserved reserved = stockReserved(placed);
        assertThat(saga.when(reserved)).isEmpty();
        assertThat(saga.state.status()).isEqualTo(OrderStatus.RESERVED);
        PaymentTaken taken = paymentTaken(reserved);
        assertThat(saga.when(taken)).isEmpty();
        assertThat(saga.state.status()).isEqualTo(OrderStatus.PAID);
        OrderPackaged packaged = orderPackaged(taken);
        assertThat(saga.when(packaged)).isEmpty();
        assertThat(saga.state.status()).isEqualTo(OrderStatus.PACKED);
        OrderDispatched dispatched = orderDispatched(packaged);
        assertThat(saga.when(dispatched)).isEmpty();
        assertThat(saga.state.status()).isEqualTo(OrderStatus.DISPATCHED);

        var points = pointsAwarded(dispatched);
        List<SpecificRecord> emitted = saga.when(points);

        assertThat(emitted).singleElement().isInstanceOfSatisfying(OrderCompleted.class, completed -> {
            assertThat(completed.getOrderId()).isEqualTo(placed.getOrderId());
            assertThat(completed.getCustomerId()).isEqualTo("cust-1");
            assertThat(completed.getMetadata()).isEqualTo(
                    Causation.causedBy(points.getMetadata(), "orders", "OrderCompleted", 0, Saga.DECIDED_AT));
            assertThat(completed.getMetadata().getCorrelationId()).isEqualTo(placed.getMetadata().getCorrelationId())
                    .isEqualTo(OrderPlacement.correlationIdFor(placed.getOrderId()));
        });
        assertThat(saga.state.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(OrderView.of(saga.state).orElseThrow().history()).extracting(Order.HistoryEntry::eventType)
                .containsExactly("OrderPlaced", "StockReserved", "PaymentTaken", "OrderPackaged",
                        "OrderDispatched", "PointsAwarded", "OrderCompleted");
    }

    @Test
    void insufficient_stock_cancels_with_the_short_lines() {
        OrderPlaced placed = saga.placed();

        List<SpecificRecord> emitted = saga.when(stockInsufficient(placed));

        OrderCancelled cancelled = (OrderCancelled) emitted.getFirst();
        assertThat(emitted).hasSize(1);
        assertThat(cancelled.getReasonCode()).isEqualTo(CancellationReason.INSUFFICIENT_STOCK);
        assertThat(cancelled.getReason()).isEqualTo(
                "Not enough stock: line 1 SKU-1 \"Blue Train\" by John Coltrane: requested 2, available 0, short by 2");
        assertThat(cancelled.getCustomerId()).isEqualTo("cust-1");
        assertThat(cancelled.getCustomerName()).isEqualTo("Ada Lovelace");
        assertThat(cancelled.getCustomerEmail()).isEqualTo("ada@example.com");
        assertThat(saga.state.status()).isEqualTo(OrderStatus.CANCELLED);
        OrderView view = OrderView.of(saga.state).orElseThrow();
        assertThat(view.cancellationReason()).isEqualTo(cancelled.getReason());
        assertThat(view.cancellationCode()).isEqualTo("INSUFFICIENT_STOCK");
    }

    @Test
    void payment_declined_cancels_once_the_stock_is_released() {
        OrderPlaced placed = saga.placed();
        StockReserved reserved = stockReserved(placed);
        saga.when(reserved);
        PaymentFailed failed = paymentFailed(reserved);

        assertThat(saga.when(failed)).isEmpty();
        assertThat(saga.state.status()).isEqualTo(OrderStatus.CANCELLING);

        List<SpecificRecord> emitted = saga.when(stockReleased(failed));

        assertThat(emitted).singleElement().isInstanceOfSatisfying(OrderCancelled.class, c -> {
            assertThat(c.getReasonCode()).isEqualTo(CancellationReason.PAYMENT_DECLINED);
            assertThat(c.getReason()).isEqualTo("Payment could not be taken: card declined by issuer (DECLINED, 1 attempt)");
        });
        assertThat(saga.state.status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void item_not_found_cancels_once_the_payment_is_refunded_and_late_release_is_recorded() {
        OrderPlaced placed = saga.placed();
        StockReserved reserved = stockReserved(placed);
        saga.when(reserved);
        PaymentTaken taken = paymentTaken(reserved);
        saga.when(taken);
        var notFound = itemNotFound(taken);

        assertThat(saga.when(notFound)).isEmpty();
        assertThat(saga.state.status()).isEqualTo(OrderStatus.CANCELLING);

        List<SpecificRecord> emitted = saga.when(paymentRefunded(notFound));

        assertThat(emitted).singleElement().isInstanceOfSatisfying(OrderCancelled.class, c -> {
            assertThat(c.getReasonCode()).isEqualTo(CancellationReason.ITEM_NOT_FOUND);
            assertThat(c.getReason()).isEqualTo("An item could not be found while packing: line 2 SKU-2: 1 unit"
                    + " missing (shelf empty); the payment has been refunded");
        });

        assertThat(saga.when(stockReleased(notFound))).isEmpty(); // a compensation after the end: recorded
        assertThat(saga.state.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(saga.state.history().getLast().eventType()).isEqualTo("StockReleased");
    }

    @Test
    void dispatch_delays_then_dispatch_is_still_the_happy_path() {
        OrderPackaged packaged = packagedOrder();
        assertThat(saga.when(dispatchDelayed(packaged, 1))).isEmpty();
        assertThat(saga.when(dispatchDelayed(packaged, 2))).isEmpty();
        assertThat(saga.state.status()).isEqualTo(OrderStatus.PACKED);

        OrderDispatched dispatched = orderDispatched(packaged);
        saga.when(dispatched);

        assertThat(saga.when(pointsAwarded(dispatched))).singleElement().isInstanceOf(OrderCompleted.class);
    }

    @Test
    void dispatch_failure_needs_attention_and_emits_nothing() {
        OrderPackaged packaged = packagedOrder();

        assertThat(saga.when(dispatchFailed(packaged))).isEmpty();

        assertThat(saga.state.status()).isEqualTo(OrderStatus.NEEDS_ATTENTION);
    }

    @Test
    void a_successful_dispatch_retry_takes_the_order_out_of_needs_attention() {
        OrderPackaged packaged = packagedOrder();
        saga.when(dispatchFailed(packaged));

        OrderDispatched dispatched = orderDispatched(packaged);
        saga.when(dispatched);

        assertThat(saga.state.status()).isEqualTo(OrderStatus.DISPATCHED);
        assertThat(saga.when(pointsAwarded(dispatched))).singleElement().isInstanceOf(OrderCompleted.class);
    }

    @Test
    void an_operator_cancels_an_order_that_needs_attention_as_dispatch_failed() {
        OrderPackaged packaged = packagedOrder();
        saga.when(dispatchFailed(packaged));
        CancelOrder cancel = new CancelOrder(saga.state.orderId(), "op-cmd-1", "customer no longer wants it",
                Saga.T0.plusSeconds(3600));

        List<SpecificRecord> emitted = saga.when(cancel);

        OrderCancelled cancelled = (OrderCancelled) emitted.getFirst();
        assertThat(cancelled.getReasonCode()).isEqualTo(CancellationReason.DISPATCH_FAILED);
        assertThat(cancelled.getReason()).isEqualTo("Dispatch failed (gave up after 3 attempts: no carrier capacity);"
                + " cancelled by an operator: customer no longer wants it");
        assertThat(cancelled.getCancelledAt()).isEqualTo(Saga.T0.plusSeconds(3600));
        assertThat(cancelled.getMetadata().getEventId()).isEqualTo(Causation.fromCommand("op-cmd-1",
                saga.state.all(Fact.PLACED).getFirst().correlationId(), cancel.requestedAt(), "orders", "OrderCancelled").getEventId());
        assertThat(cancelled.getMetadata().getCorrelationId()).isEqualTo(OrderPlacement.correlationIdFor(saga.state.orderId()))
                .isNotEqualTo(saga.state.orderId());
        assertThat(saga.state.status()).isEqualTo(OrderStatus.CANCELLED);

        // the compensations that follow are recorded, the retried request changes nothing
        assertThat(saga.when(paymentRefunded(cancelled))).isEmpty();
        assertThat(saga.when(stockReleased(cancelled))).isEmpty();
        assertThat(saga.when(cancel)).isEmpty();
        assertThat(saga.state.status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void an_operator_cannot_cancel_an_order_in_progress() {
        OrderPlaced placed = saga.placed();
        StockReserved reserved = stockReserved(placed);
        saga.when(reserved);
        saga.when(paymentTaken(reserved));

        assertThatThrownBy(() -> saga.when(new CancelOrder(placed.getOrderId(), "op-2", "fraud suspected",
                Saga.T0.plusSeconds(60)))).isInstanceOfSatisfying(OrderCommandRefused.class, e -> {
                    assertThat(e.kind()).isEqualTo(OrderCommandRefused.Kind.CONFLICT);
                    assertThat(e.getMessage()).contains("still in progress (PAID)", "only an order whose dispatch failed");
                });
        assertThat(saga.state.status()).isEqualTo(OrderStatus.PAID);
    }

    private OrderPackaged packagedOrder() {
        OrderPlaced placed = saga.placed();
        StockReserved reserved = stockReserved(placed);
        saga.when(reserved);
        PaymentTaken taken = paymentTaken(reserved);
        saga.when(taken);
        OrderPackaged packaged = orderPackaged(taken);
        saga.when(packaged);
        return packaged;
    }
}
