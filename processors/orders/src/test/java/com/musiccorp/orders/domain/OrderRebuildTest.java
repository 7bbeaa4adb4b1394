package com.musiccorp.orders.domain;

import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderPackaged;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.StockReserved;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.musiccorp.orders.domain.Saga.dispatchDelayed;
import static com.musiccorp.orders.domain.Saga.dispatchFailed;
import static com.musiccorp.orders.domain.Saga.orderDispatched;
import static com.musiccorp.orders.domain.Saga.orderPackaged;
import static com.musiccorp.orders.domain.Saga.paymentTaken;
import static com.musiccorp.orders.domain.Saga.pointsAwarded;
import static com.musiccorp.orders.domain.Saga.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;

class OrderRebuildTest {

    @Test
    void folding_the_inputs_and_emitted_events_reproduces_the_live_state_and_emits_nothing() {
        Saga saga = new Saga();
        List<SpecificRecord> emittedLive = new ArrayList<>();
        OrderPlaced placed = saga.placed();
        emittedLive.add(placed);
        StockReserved reserved = stockReserved(placed);
        PaymentTaken taken = paymentTaken(reserved);
        OrderPackaged packaged = orderPackaged(taken);
        OrderDispatched dispatched = orderDispatched(packaged);
        for (SpecificRecord input : List.of(reserved, reserved, taken, packaged, dispatchDelayed(packaged, 1),
                dispatchFailed(packaged), dispatched, pointsAwarded(dispatched), pointsAwarded(dispatched))) {
            emittedLive.addAll(saga.when(input));
        }

        Order rebuilt = OrderDecider.rebuild(saga.log);

        assertThat(rebuilt).isEqualTo(saga.state);
        assertThat(rebuilt.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(OrderView.of(rebuilt)).isEqualTo(OrderView.of(saga.state));
        assertThat(emittedLive).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("OrderPlaced", "OrderCompleted");
        // a replay only folds: the same log through the live path again emits nothing new
        Saga replay = new Saga();
        replay.state = rebuilt;
        for (SpecificRecord event : saga.log) {
            assertThat(replay.when(event)).isEmpty();
        }
    }

    @Test
    void the_view_shows_status_lines_totals_history_and_reason() {
        Saga saga = new Saga();
        OrderPlaced placed = saga.placed();
        saga.when(Saga.stockInsufficient(placed));

        OrderView view = OrderView.of(saga.state).orElseThrow();

        assertThat(view.orderId()).isEqualTo(placed.getOrderId());
        assertThat(view.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(view.lines()).hasSize(2);
        assertThat(view.subtotalMinor()).isEqualTo(5997);
        assertThat(view.shippingCostMinor()).isZero();
        assertThat(view.totalMinor()).isEqualTo(5997);
        assertThat(view.currency()).isEqualTo("GBP");
        assertThat(view.placedAt()).isEqualTo(Saga.T0);
        assertThat(view.history()).extracting(Order.HistoryEntry::eventType, Order.HistoryEntry::producer)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("OrderPlaced", "orders"),
                        org.assertj.core.groups.Tuple.tuple("StockInsufficient", "warehouse"),
                        org.assertj.core.groups.Tuple.tuple("OrderCancelled", "orders"));
        assertThat(view.cancellationCode()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(view.cancellationReason()).startsWith("Not enough stock: line 1 SKU-1");
    }
}
