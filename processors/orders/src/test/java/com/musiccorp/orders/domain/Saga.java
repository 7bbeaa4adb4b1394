package com.musiccorp.orders.domain;

import com.musiccorp.events.DispatchDelayed;
import com.musiccorp.events.DispatchFailed;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.ItemNotFound;
import com.musiccorp.events.Money;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderPackaged;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PackedLine;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentFailureReason;
import com.musiccorp.events.PaymentRefunded;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.PointsAwarded;
import com.musiccorp.events.StockInsufficient;
import com.musiccorp.events.StockRelease;
import com.musiccorp.events.StockReleased;
import com.musiccorp.events.StockReservation;
import com.musiccorp.events.StockReserved;
import com.musiccorp.events.StockShortfall;
import com.musiccorp.schemas.Causation;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given/when/then for one order: feeds inputs through the live path, keeps the log a rebuild
 * would read, and builds other contexts' events the way those contexts would (caused by the event
 * they react to).
 */
final class Saga {

    static final Instant T0 = Instant.parse("2026-03-01T10:15:30Z");
    /** When orders decides, in these tests: an hour after the order was placed. */
    static final Instant DECIDED_AT = T0.plusSeconds(3600);
    /** How long after its cause another context decides a reaction, in these fixtures. */
    static final java.time.Duration REACTION = java.time.Duration.ofMillis(250);

    Order state = OrderDecider.initialState();
    final List<SpecificRecord> log = new ArrayList<>();

    static PlaceOrderRequest request() {
        return new PlaceOrderRequest("cust-1", "Ada Lovelace", "ada@example.com",
                List.of(new PlaceOrderRequest.Line("SKU-1", "Blue Train", "John Coltrane", "VINYL", 2, 2499L),
                        new PlaceOrderRequest.Line("SKU-2", "Kind of Blue", "Miles Davis", "CD", 1, 999L)),
                "GBP",
                new PlaceOrderRequest.ShippingAddress("Ada Lovelace", "1 St James's Square", null, "London",
                        "SW1Y 4JU", "GB"),
                "pm_tok_4f2a9c", "key-1");
    }

    static PlaceOrder placeOrder() {
        OrderPlacement placement = new OrderPlacement(ShippingPolicy.freeFrom(399, 5000));
        return ((OrderPlacement.Result.Accepted) placement.place(request(), T0)).command();
    }

    /** Runs the live path for {@code input}; returns what orders emitted. */
    List<SpecificRecord> when(OrderInput input) {
        OrderDecider.Step step = OrderDecider.step(state, input, DECIDED_AT);
        log.addAll(step.recorded());
        state = step.state();
        return step.emitted();
    }

    List<SpecificRecord> when(SpecificRecord event) {
        return when(new ObservedEvent(event));
    }

    OrderPlaced placed() {
        List<SpecificRecord> emitted = when(placeOrder());
        assertThat(emitted).hasSize(1);
        return (OrderPlaced) emitted.getFirst();
    }

    void assertRebuildEqualsLive() {
        assertThat(OrderDecider.rebuild(log)).isEqualTo(state);
    }

    // ---------------------------------------------------------------- other contexts' events

    static EventMetadata by(SpecificRecord cause, String producer, String type) {
        EventMetadata m = OrderEvents.metadata(cause);
        return Causation.causedBy(m, producer, type, 0, m.getOccurredAt().plus(REACTION));
    }

    static String orderId(SpecificRecord cause) {
        return OrderEvents.orderId(cause);
    }

    static Money money(long minor) {
        return Money.newBuilder().setAmountMinor(minor).setCurrency("GBP").build();
    }

    static StockReserved stockReserved(OrderPlaced placed) {
        return StockReserved.newBuilder()
                .setMetadata(by(placed, "warehouse", "StockReserved"))
                .setOrderId(placed.getOrderId())
                .setReservations(placed.getLines().stream().map(l -> StockReservation.newBuilder()
                        .setLineNumber(l.getLineNumber()).setSku(l.getSku()).setQuantity(l.getQuantity()).build())
                        .toList())
                .setReservedAt(T0.plusSeconds(1))
                .build();
    }

    static StockInsufficient stockInsufficient(OrderPlaced placed) {
        return StockInsufficient.newBuilder()
                .setMetadata(by(placed, "warehouse", "StockInsufficient"))
                .setOrderId(placed.getOrderId())
                .setShortLines(List.of(StockShortfall.newBuilder()
                        .setLineNumber(1).setSku("SKU-1").setRequested(2).setAvailable(0).setShortBy(2).build()))
                .setLines(placed.getLines())
                .setTotal(placed.getTotal())
                .setCustomerId("cust-1")
                .setCustomerName("Ada Lovelace")
                .setCustomerEmail("ada@example.com")
                .build();
    }

    static PaymentTaken paymentTaken(SpecificRecord reserved) {
        return PaymentTaken.newBuilder()
                .setMetadata(by(reserved, "payments", "PaymentTaken"))
                .setOrderId(orderId(reserved))
                .setPaymentId("pay-1")
                .setAmount(money(5997))
                .setCustomerId("cust-1")
                .setGatewayReference("gw-1")
                .setTakenAt(T0.plusSeconds(2))
                .build();
    }

    static PaymentFailed paymentFailed(SpecificRecord reserved) {
        return PaymentFailed.newBuilder()
                .setMetadata(by(reserved, "payments", "PaymentFailed"))
                .setOrderId(orderId(reserved))
                .setAmount(money(5997))
                .setCustomerId("cust-1")
                .setReason("card declined by issuer")
                .setReasonCode(PaymentFailureReason.DECLINED)
                .setAttempts(1)
                .build();
    }

    static StockReleased stockReleased(SpecificRecord cause) {
        return StockReleased.newBuilder()
                .setMetadata(by(cause, "warehouse", "StockReleased"))
                .setOrderId(orderId(cause))
                .setReleases(List.of(StockRelease.newBuilder().setSku("SKU-1").setQuantity(2).build()))
                .setReason("order cannot proceed")
                .build();
    }

    static OrderPackaged orderPackaged(SpecificRecord paymentTaken) {
        return OrderPackaged.newBuilder()
                .setMetadata(by(paymentTaken, "warehouse", "OrderPackaged"))
                .setOrderId(orderId(paymentTaken))
                .setPackageId("pkg-1")
                .setLines(List.of(PackedLine.newBuilder().setLineNumber(1).setSku("SKU-1").setQuantity(2).build()))
                .setPackedAt(T0.plusSeconds(3))
                .build();
    }

    static ItemNotFound itemNotFound(SpecificRecord paymentTaken) {
        return ItemNotFound.newBuilder()
                .setMetadata(by(paymentTaken, "warehouse", "ItemNotFound"))
                .setOrderId(orderId(paymentTaken))
                .setSku("SKU-2")
                .setLineNumber(2)
                .setMissingQuantity(1)
                .setReason("shelf empty")
                .build();
    }

    static PaymentRefunded paymentRefunded(SpecificRecord cause) {
        return PaymentRefunded.newBuilder()
                .setMetadata(by(cause, "payments", "PaymentRefunded"))
                .setOrderId(orderId(cause))
                .setPaymentId("pay-1")
                .setAmount(money(5997))
                .setCustomerId("cust-1")
                .setReason("order cancelled")
                .build();
    }

    static DispatchDelayed dispatchDelayed(SpecificRecord packaged, int attempt) {
        return DispatchDelayed.newBuilder()
                .setMetadata(Causation.causedBy(OrderEvents.metadata(packaged), "warehouse", "DispatchDelayed", attempt,
                        OrderEvents.metadata(packaged).getOccurredAt().plus(REACTION.multipliedBy(attempt))))
                .setOrderId(orderId(packaged))
                .setAttempt(attempt)
                .setReason("no carrier capacity")
                .setNextAttemptAt(T0.plusSeconds(60L * attempt))
                .build();
    }

    static DispatchFailed dispatchFailed(SpecificRecord packaged) {
        return DispatchFailed.newBuilder()
                .setMetadata(by(packaged, "warehouse", "DispatchFailed"))
                .setOrderId(orderId(packaged))
                .setAttempts(3)
                .setReason("no carrier capacity")
                .build();
    }

    static OrderDispatched orderDispatched(SpecificRecord packaged) {
        return OrderDispatched.newBuilder()
                .setMetadata(by(packaged, "warehouse", "OrderDispatched"))
                .setOrderId(orderId(packaged))
                .setCarrier("Royal Mail")
                .setTrackingNumber("RM123")
                .setShippingAddress(com.musiccorp.events.Address.newBuilder()
                        .setName("Ada Lovelace").setLine1("1 St James's Square").setCity("London")
                        .setPostalCode("SW1Y 4JU").setCountryCode("GB").build())
                .setDispatchedAt(T0.plusSeconds(4))
                .setCustomerId("cust-1")
                .build();
    }

    static PointsAwarded pointsAwarded(SpecificRecord dispatched) {
        return PointsAwarded.newBuilder()
                .setMetadata(by(dispatched, "loyalty", "PointsAwarded"))
                .setOrderId(orderId(dispatched))
                .setCustomerId("cust-1")
                .setPoints(59)
                .setNewBalance(159)
                .setOrderTotal(money(5997))
                .build();
    }
}
