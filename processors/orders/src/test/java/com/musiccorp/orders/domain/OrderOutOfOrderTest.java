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
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.musiccorp.orders.domain.Saga.orderDispatched;
import static com.musiccorp.orders.domain.Saga.orderPackaged;
import static com.musiccorp.orders.domain.Saga.paymentFailed;
import static com.musiccorp.orders.domain.Saga.paymentTaken;
import static com.musiccorp.orders.domain.Saga.pointsAwarded;
import static com.musiccorp.orders.domain.Saga.stockInsufficient;
import static com.musiccorp.orders.domain.Saga.stockReleased;
import static com.musiccorp.orders.domain.Saga.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;

/** Topics are ordered per partition, not across topics: decisions must not depend on arrival order. */
class OrderOutOfOrderTest {

    private final Saga saga = new Saga();

    @AfterEach
    void rebuild_from_the_log_equals_the_live_state() {
        saga.assertRebuildEqualsLive();
    }

    @Test
    void stock_released_before_payment_failed_gives_the_same_cancellation() {
        OrderPlaced placed = saga.placed();
        StockReserved reserved = stockReserved(placed);
        saga.when(reserved);
        PaymentFailed failed = paymentFailed(reserved);

        assertThat(saga.when(stockReleased(failed))).isEmpty();
        assertThat(saga.state.status()).isEqualTo(OrderStatus.CANCELLING);
        List<SpecificRecord> emitted = saga.when(failed);

        Saga inOrder = new Saga();
        inOrder.placed();
        inOrder.when(reserved);
        inOrder.when(failed);
        List<SpecificRecord> expected = inOrder.when(stockReleased(failed));

        assertThat(emitted).isEqualTo(expected); // same event, same id: the cause is always the PaymentFailed
        assertThat(((OrderCancelled) emitted.getFirst()).getReasonCode()).isEqualTo(CancellationReason.PAYMENT_DECLINED);
    }

    @Test
    void payment_failed_before_stock_reserved_arrives() {
        OrderPlaced placed = saga.placed();
        StockReserved reserved = stockReserved(placed);
        PaymentFailed failed = paymentFailed(reserved);

        assertThat(saga.when(failed)).isEmpty();
        assertThat(saga.when(reserved)).isEmpty();
        assertThat(saga.when(stockReleased(failed))).singleElement().isInstanceOf(OrderCancelled.class);
    }

    @Test
    void points_awarded_before_order_dispatched_completes_on_dispatch() {
        OrderPlaced placed = saga.placed();
        StockReserved reserved = stockReserved(placed);
        saga.when(reserved);
        PaymentTaken taken = paymentTaken(reserved);
        saga.when(taken);
        OrderPackaged packaged = orderPackaged(taken);
        saga.when(packaged);
        OrderDispatched dispatched = orderDispatched(packaged);

        assertThat(saga.when(pointsAwarded(dispatched))).isEmpty();
        assertThat(saga.state.status()).isEqualTo(OrderStatus.PACKED);
        assertThat(saga.when(dispatched)).singleElement().isInstanceOf(OrderCompleted.class);
        assertThat(saga.state.status()).isEqualTo(OrderStatus.COMPLETED);
    }

    @Test
    void warehouse_events_before_payment_taken_are_accepted() {
        OrderPlaced placed = saga.placed();
        StockReserved reserved = stockReserved(placed);
        saga.when(reserved);
        PaymentTaken taken = paymentTaken(reserved);
        OrderPackaged packaged = orderPackaged(taken);

        assertThat(saga.when(packaged)).isEmpty();
        assertThat(saga.when(taken)).isEmpty();

        assertThat(saga.state.status()).isEqualTo(OrderStatus.PACKED);
    }

    @Test
    void events_before_order_placed_wait_for_it() {
        OrderPlaced placed = (OrderPlaced) OrderDecider.decide(Saga.placeOrder(), OrderDecider.initialState(), Saga.T0).getFirst();

        assertThat(saga.when(stockInsufficient(placed))).isEmpty();
        assertThat(saga.state.status()).isEqualTo(OrderStatus.NOT_PLACED);
        assertThat(OrderView.of(saga.state)).isEmpty();

        List<SpecificRecord> emitted = saga.when(placed); // the OrderPlaced read back from orders.events

        assertThat(emitted).singleElement().isInstanceOfSatisfying(OrderCancelled.class,
                c -> assertThat(c.getReasonCode()).isEqualTo(CancellationReason.INSUFFICIENT_STOCK));
        assertThat(saga.state.status()).isEqualTo(OrderStatus.CANCELLED);
    }
}
