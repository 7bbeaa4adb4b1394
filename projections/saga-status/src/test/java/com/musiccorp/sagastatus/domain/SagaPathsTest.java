package com.musiccorp.sagastatus.domain;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.DispatchDelayed;
import com.musiccorp.events.DispatchFailed;
import com.musiccorp.events.ItemNotFound;
import com.musiccorp.events.NotificationTemplate;
import com.musiccorp.events.OrderPackaged;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentRefunded;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.StockInsufficient;
import com.musiccorp.events.StockReleased;
import com.musiccorp.events.StockReserved;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every path of the saga: the status, the timeline and the reason a person would read. */
class SagaPathsTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    final Events order = Events.forOrder("order-1");

    private Saga fold(List<SpecificRecord> events) {
        return SagaProjection.foldAll(Events.read(events), NOW);
    }

    @Test
    void theHappyPathIsCompletedWithEveryStepInCausalOrder() {
        Saga saga = fold(order.happyPath());

        assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(saga.correlationId()).isEqualTo(order.correlationId).isNotEqualTo(order.orderId);
        assertThat(saga.orderId()).isEqualTo(order.orderId);
        assertThat(saga.customerId()).isEqualTo("cust-1");
        assertThat(saga.version()).isEqualTo(9);
        assertThat(types(saga)).containsSubsequence("OrderPlaced", "StockReserved", "PaymentTaken", "OrderPackaged",
                "OrderDispatched", "PointsAwarded", "OrderCompleted");
        assertCausesBeforeEffects(saga);
        assertThat(saga.steps()).extracting(Step::context).contains("orders", "warehouse", "payments", "loyalty",
                "notifications");
        // Each context decides its reaction 250 ms after its cause: the timeline shows the real gaps,
        // six hops from OrderPlaced to OrderCompleted.
        assertThat(saga.steps()).allSatisfy(s -> assertThat(s.sincePreviousMillis()).isNotNegative());
        assertThat(saga.steps()).extracting(Step::sincePreviousMillis).contains(Events.REACTION.toMillis());
        assertThat(saga.steps().stream().mapToLong(Step::sincePreviousMillis).sum())
                .isEqualTo(6 * Events.REACTION.toMillis());
        assertThat(saga.steps().getFirst().summary()).isEqualTo("1 line, total 53.97 GBP, for cust-1");
        assertThat(saga.failureReason()).isEmpty();
        assertThat(saga.compensations()).isEmpty();
        assertThat(saga.awaiting()).isEmpty();
    }

    @Test
    void eachStepOfTheHappyPathSaysWhatIsAwaitedNextAndFromWhom() {
        List<SpecificRecord> path = order.happyPath().stream()
                .filter(e -> !e.getSchema().getName().equals("NotificationSent")).toList();
        List<Awaited> expected = List.of(
                new Awaited("warehouse", List.of("StockReserved", "StockInsufficient")),
                new Awaited("payments", List.of("PaymentTaken", "PaymentFailed")),
                new Awaited("warehouse", List.of("OrderPackaged", "ItemNotFound")),
                new Awaited("warehouse", List.of("OrderDispatched", "DispatchFailed")),
                new Awaited("loyalty", List.of("PointsAwarded")),
                new Awaited("orders", List.of("OrderCompleted")));
        for (int i = 0; i < expected.size(); i++) {
            Saga saga = fold(path.subList(0, i + 1));
            assertThat(saga.status()).isEqualTo(SagaStatus.IN_PROGRESS);
            assertThat(saga.awaiting()).containsExactly(expected.get(i));
        }
    }

    @Test
    void insufficientStockCompensatesThenIsCancelledWithTheShortfallAsReason() {
        OrderPlaced placed = order.placed();
        StockInsufficient insufficient = order.insufficient(placed);

        Saga compensating = fold(List.of(placed, insufficient));
        assertThat(compensating.status()).isEqualTo(SagaStatus.COMPENSATING);
        assertThat(compensating.awaiting()).containsExactly(new Awaited("orders", List.of("OrderCancelled")));
        assertThat(compensating.failureReason()).hasValue("line 1 SKU-1: requested 50, available 8, short by 42");

        Saga cancelled = fold(List.of(placed, insufficient, order.cancelled(insufficient,
                CancellationReason.INSUFFICIENT_STOCK, "not enough stock")));
        assertThat(cancelled.status()).isEqualTo(SagaStatus.CANCELLED);
        assertThat(types(cancelled)).containsExactly("OrderPlaced", "StockInsufficient", "OrderCancelled");
        assertThat(cancelled.failureReason()).hasValue("line 1 SKU-1: requested 50, available 8, short by 42");
        assertThat(cancelled.compensations()).isEmpty();
        assertThat(cancelled.awaiting()).isEmpty();
    }

    @Test
    void aDeclinedPaymentReleasesTheStockAndIsCancelled() {
        OrderPlaced placed = order.placed();
        StockReserved reserved = order.reserved(placed);
        PaymentFailed failed = order.paymentFailed(reserved);
        StockReleased released = order.released(failed, "payment declined");

        Saga compensating = fold(List.of(placed, reserved, failed));
        assertThat(compensating.status()).isEqualTo(SagaStatus.COMPENSATING);
        assertThat(compensating.awaiting()).containsExactly(new Awaited("warehouse", List.of("StockReleased")),
                new Awaited("orders", List.of("OrderCancelled")));

        Saga cancelled = fold(List.of(placed, reserved, failed, released, order.cancelled(released,
                CancellationReason.PAYMENT_DECLINED, "Payment could not be taken: card declined by issuer")));
        assertThat(cancelled.status()).isEqualTo(SagaStatus.CANCELLED);
        assertThat(types(cancelled)).containsExactly("OrderPlaced", "StockReserved", "PaymentFailed", "StockReleased",
                "OrderCancelled");
        assertThat(cancelled.failureReason()).hasValue("card declined by issuer");
        assertThat(cancelled.compensations()).extracting(Step::eventType).containsExactly("StockReleased");
        assertThat(cancelled.compensations().getFirst().summary()).isEqualTo("released 2xSKU-1: payment declined");
        assertThat(cancelled.steps().get(2).summary()).isEqualTo("DECLINED after 1 attempt: card declined by issuer");
    }

    @Test
    void anItemNotFoundRefundsTheCustomerAndIsCancelled() {
        OrderPlaced placed = order.placed();
        StockReserved reserved = order.reserved(placed);
        PaymentTaken taken = order.taken(reserved);
        ItemNotFound notFound = order.itemNotFound(taken);
        StockReleased released = order.released(notFound, "item not found");
        PaymentRefunded refunded = order.refunded(notFound);

        Saga compensating = fold(List.of(placed, reserved, taken, notFound, released));
        assertThat(compensating.status()).isEqualTo(SagaStatus.COMPENSATING);
        assertThat(compensating.awaiting()).containsExactly(new Awaited("payments", List.of("PaymentRefunded")),
                new Awaited("orders", List.of("OrderCancelled")));

        Saga cancelled = fold(List.of(placed, reserved, taken, notFound, released, refunded,
                order.notified(notFound, NotificationTemplate.ORDER_PROBLEM_APOLOGY),
                order.cancelled(refunded, CancellationReason.ITEM_NOT_FOUND, "an item could not be found")));
        assertThat(cancelled.status()).isEqualTo(SagaStatus.CANCELLED);
        assertThat(cancelled.compensations()).extracting(Step::eventType)
                .containsExactlyInAnyOrder("StockReleased", "PaymentRefunded");
        assertThat(cancelled.failureReason()).hasValue("line 1 SKU-1: 1 missing: shelf count was wrong");
        assertCausesBeforeEffects(cancelled);
    }

    @Test
    void aFailedDispatchNeedsAttentionUntilAnOperatorCancels() {
        OrderPlaced placed = order.placed();
        StockReserved reserved = order.reserved(placed);
        PaymentTaken taken = order.taken(reserved);
        OrderPackaged packaged = order.packaged(taken);
        DispatchDelayed delayed = order.delayed(packaged);
        DispatchFailed failed = order.dispatchFailed(delayed);
        List<SpecificRecord> events = new ArrayList<>(List.of(placed, reserved, taken, packaged, delayed));

        assertThat(fold(events).status()).as("a delay is not a failure").isEqualTo(SagaStatus.IN_PROGRESS);
        events.add(failed);
        Saga attention = fold(events);
        assertThat(attention.status()).isEqualTo(SagaStatus.NEEDS_ATTENTION);
        assertThat(attention.failureReason()).hasValue("carrier has no capacity");
        assertThat(attention.awaiting()).containsExactly(new Awaited("warehouse", List.of("OrderDispatched")),
                new Awaited("orders", List.of("OrderCancelled")));

        Instant operatorAt = Events.PLACED_AT.plusSeconds(3600);
        events.add(order.cancelledByOperator(operatorAt, "cancelled by an operator: carrier unavailable"));
        Saga cancelled = fold(events);
        assertThat(cancelled.status()).isEqualTo(SagaStatus.CANCELLED);
        assertThat(cancelled.failureReason()).as("the root cause, not the cancellation")
                .hasValue("carrier has no capacity");
        assertThat(cancelled.steps().getLast().eventType()).isEqualTo("OrderCancelled");
        assertThat(cancelled.steps().getLast().sincePreviousMillis()).as("from the DispatchFailed to the operator")
                .isEqualTo(java.time.Duration.between(failed.getMetadata().getOccurredAt(), operatorAt).toMillis())
                .isEqualTo(3_600_000 - 5 * Events.REACTION.toMillis());
    }

    @Test
    void aDispatchRetriedByAnOperatorResolvesTheFailure() {
        OrderPlaced placed = order.placed();
        OrderPackaged packaged = order.packaged(order.taken(order.reserved(placed)));
        DispatchFailed failed = order.dispatchFailed(packaged);
        Saga saga = fold(List.of(placed, order.reserved(placed), order.taken(order.reserved(placed)), packaged, failed,
                order.dispatched(failed)));
        assertThat(saga.status()).isEqualTo(SagaStatus.IN_PROGRESS);
        assertThat(saga.awaiting()).containsExactly(new Awaited("loyalty", List.of("PointsAwarded")));
    }

    @Test
    void aRejectionIsShownAndGivesTheReasonButDoesNotChangeTheStatus() {
        OrderPlaced placed = order.placed();
        StockReserved reserved = order.reserved(placed);
        PaymentTaken taken = order.taken(reserved);
        Saga saga = fold(List.of(placed, reserved, taken,
                order.rejected(taken, "warehouse", "PaymentTaken in state PACKED: already paid")));
        assertThat(saga.status()).isEqualTo(SagaStatus.IN_PROGRESS);
        assertThat(saga.failureReason()).hasValue("PaymentTaken in state PACKED: already paid");
        assertThat(saga.steps().getLast().summary()).startsWith("refused PaymentTaken ");
    }

    static List<String> types(Saga saga) {
        return saga.steps().stream().map(Step::eventType).toList();
    }

    static void assertCausesBeforeEffects(Saga saga) {
        List<String> ids = saga.steps().stream().map(Step::eventId).toList();
        for (int i = 0; i < saga.steps().size(); i++) {
            String cause = saga.steps().get(i).causationId();
            if (cause != null && ids.contains(cause)) {
                assertThat(ids.indexOf(cause)).as("cause of step %d comes first", i).isLessThan(i);
            }
        }
    }
}
