package com.musiccorp.orders.domain;

import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderPackaged;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.StockReserved;
import com.musiccorp.schemas.Causation;
import com.musiccorp.schemas.ContractLimits;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.musiccorp.orders.domain.Saga.dispatchFailed;
import static com.musiccorp.orders.domain.Saga.orderDispatched;
import static com.musiccorp.orders.domain.Saga.orderPackaged;
import static com.musiccorp.orders.domain.Saga.paymentFailed;
import static com.musiccorp.orders.domain.Saga.paymentTaken;
import static com.musiccorp.orders.domain.Saga.stockInsufficient;
import static com.musiccorp.orders.domain.Saga.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderCommandsTest {

    private final Saga saga = new Saga();

    private CancelOrder cancel(String commandId) {
        return new CancelOrder(Saga.placeOrder().orderId(), commandId, "asked by customer", Saga.T0.plusSeconds(600));
    }

    @Test
    void a_retried_place_order_emits_nothing() {
        saga.placed();
        Order before = saga.state;

        assertThat(saga.when(Saga.placeOrder())).isEmpty();
        assertThat(saga.state).isSameAs(before);
    }

    @Test
    void an_idempotency_key_reused_for_different_contents_is_a_conflict() {
        saga.placed();
        PlaceOrder original = Saga.placeOrder();
        PlaceOrder different = new PlaceOrder(original.orderId(), original.correlationId(), original.commandId(), original.customerId(),
                original.customerName(), original.customerEmail(), original.lines().subList(0, 1),
                original.totals(), original.shippingAddress(), original.paymentMethodToken(), Saga.T0);

        assertThatThrownBy(() -> saga.when(different)).isInstanceOfSatisfying(OrderCommandRefused.class,
                e -> assertThat(e.kind()).isEqualTo(OrderCommandRefused.Kind.CONFLICT));
    }

    @Test
    void cancelling_an_unknown_order_is_not_found() {
        assertThatThrownBy(() -> saga.when(cancel("c-1"))).isInstanceOfSatisfying(OrderCommandRefused.class,
                e -> assertThat(e.kind()).isEqualTo(OrderCommandRefused.Kind.NOT_FOUND));
    }

    @Test
    void cancelling_an_order_already_ended_or_ending_or_dispatched_is_a_conflict() {
        OrderPlaced placed = saga.placed();
        StockReserved reserved = stockReserved(placed);
        saga.when(reserved);
        saga.when(paymentFailed(reserved));
        assertConflict("the order is already being cancelled");

        Saga dispatched = new Saga();
        OrderPlaced p2 = dispatched.placed();
        StockReserved r2 = stockReserved(p2);
        dispatched.when(r2);
        PaymentTaken t2 = paymentTaken(r2);
        dispatched.when(t2);
        OrderPackaged k2 = orderPackaged(t2);
        dispatched.when(k2);
        OrderDispatched d2 = orderDispatched(k2);
        dispatched.when(d2);
        assertThatThrownBy(() -> dispatched.when(cancel("c-1"))).hasMessageContaining("arrange a return");

        Saga cancelled = new Saga();
        cancelled.when(stockInsufficient(cancelled.placed()));
        assertThatThrownBy(() -> cancelled.when(cancel("c-1"))).hasMessageContaining("already cancelled");
    }

    @Test
    void the_same_cancel_request_twice_emits_once_and_another_is_refused() {
        needsAttention(saga);
        List<?> first = saga.when(cancel("c-1"));

        assertThat(first).hasSize(1);
        assertThat(saga.when(cancel("c-1"))).isEmpty();
        assertConflict("already cancelled");
        saga.assertRebuildEqualsLive();
    }

    @Test
    void an_operator_reason_is_required_and_bounded() {
        assertThatThrownBy(() -> new CancelOrder("o", "c", " ", Saga.T0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(CancelOrder.reasonProblem(null)).isEqualTo("must say why the order is cancelled");
        assertThat(CancelOrder.reasonProblem("x".repeat(ContractLimits.MAX_REASON_LENGTH + 1)))
                .isEqualTo("must be at most 500 characters");
        assertThat(CancelOrder.reasonProblem("lost\u0000")).isEqualTo("must not contain control characters");
        assertThat(CancelOrder.reasonProblem("x".repeat(ContractLimits.MAX_REASON_LENGTH))).isNull();
    }

    @Test
    void a_decided_cancel_is_answered_from_the_state_and_a_repeat_changes_nothing() {
        needsAttention(saga);
        assertThat(OrderDecider.cancelOutcome(saga.state, "c-1")).isEmpty();
        saga.when(cancel("c-1"));
        // c-2 passed the HTTP check before c-1 was decided; the topology refused it and recorded why.
        String why = "order " + saga.state.orderId() + " cannot be cancelled: the order is already cancelled";
        saga.when(OrderDecider.cancelRejected(cancel("c-2"), saga.state, why, Saga.DECIDED_AT));
        Order decided = saga.state;

        assertThat(OrderDecider.cancelOutcome(decided, "c-1")).contains(new OrderDecider.CancelOutcome.Cancelled());
        assertThat(OrderDecider.cancelOutcome(decided, "c-2")).contains(new OrderDecider.CancelOutcome.Refused(why));
        assertThat(OrderDecider.cancelOutcome(decided, "c-3")).isEmpty();
        assertThat(saga.when(cancel("c-2"))).as("a repeat of the refused command").isEmpty();
        assertThat(saga.when(cancel("c-1"))).as("a repeat of the accepted command").isEmpty();
        assertThat(saga.state).isEqualTo(decided);
        saga.assertRebuildEqualsLive();
    }

    @Test
    void rejections_an_order_folds_are_bounded_however_many_arrive() {
        needsAttention(saga);
        saga.when(cancel("c-1"));
        OrderPackaged packaged = (OrderPackaged) saga.log.stream().filter(OrderPackaged.class::isInstance).findFirst()
                .orElseThrow();
        for (int i = 0; i < 3 * Order.MAX_REJECTIONS; i++) {
            // Illegal after the cancellation: each is rejected, and the rejection emitted.
            assertThat(saga.when(OrderDispatched.newBuilder(Saga.orderDispatched(packaged))
                    .setMetadata(Causation.causedBy(OrderEvents.metadata(packaged), "warehouse", "OrderDispatched", i + 1,
                            OrderEvents.metadata(packaged).getOccurredAt().plusSeconds(i + 1)))
                    .build())).hasSize(1);
            saga.when(OrderDecider.cancelRejected(cancel("refused-" + i), saga.state, "refused " + i, Saga.DECIDED_AT));
        }

        assertThat(saga.state.history()).filteredOn(h -> h.eventType().equals("EventRejected"))
                .hasSize(Order.MAX_REJECTIONS);
        assertThat(saga.state.refusedCommands()).hasSizeLessThanOrEqualTo(Order.MAX_REJECTIONS);
        assertThat(saga.state.seenEventIds()).hasSizeLessThan(20 + 2 * Order.MAX_REJECTIONS);
    }

    @Test
    void repeated_facts_are_bounded_however_often_a_dispatch_is_retried() {
        needsAttention(saga);
        OrderPackaged packaged = (OrderPackaged) saga.log.stream().filter(OrderPackaged.class::isInstance).findFirst()
                .orElseThrow();
        for (int attempt = 1; attempt <= 3 * Order.MAX_REPEATS; attempt++) {
            saga.when(Saga.dispatchDelayed(packaged, attempt));
        }

        assertThat(saga.state.all(Fact.DISPATCH_DELAYED)).hasSize(Order.MAX_REPEATS);
        assertThat(saga.state.history()).hasSizeLessThan(Order.MAX_REPEATS + 10);
        assertThat(saga.state.status()).isEqualTo(OrderStatus.NEEDS_ATTENTION);
    }

    @Test
    void inputs_of_another_order_are_a_wiring_bug() {
        saga.placed();
        CancelOrder other = new CancelOrder("someone-else", "c", "why", Saga.T0);

        assertThatThrownBy(() -> saga.when(other)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cancelling_an_order_in_progress_is_a_conflict() {
        saga.placed();
        assertConflict("still in progress (PLACED)");
    }

    /** Placed, reserved, paid, packed, and the carrier gave up: the one state an operator cancels. */
    private static void needsAttention(Saga saga) {
        OrderPlaced placed = saga.placed();
        StockReserved reserved = stockReserved(placed);
        saga.when(reserved);
        PaymentTaken taken = paymentTaken(reserved);
        saga.when(taken);
        OrderPackaged packaged = orderPackaged(taken);
        saga.when(packaged);
        saga.when(dispatchFailed(packaged));
        assertThat(saga.state.status()).isEqualTo(OrderStatus.NEEDS_ATTENTION);
    }

    private void assertConflict(String message) {
        assertThatThrownBy(() -> saga.when(cancel("c-2"))).isInstanceOfSatisfying(OrderCommandRefused.class, e -> {
            assertThat(e.kind()).isEqualTo(OrderCommandRefused.Kind.CONFLICT);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
