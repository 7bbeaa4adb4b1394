package com.musiccorp.orders.stream;

import com.musiccorp.events.DispatchFailed;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.Money;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderPackaged;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PackedLine;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.PointsAwarded;
import com.musiccorp.events.StockInsufficient;
import com.musiccorp.events.StockReservation;
import com.musiccorp.events.StockReserved;
import com.musiccorp.events.StockShortfall;
import com.musiccorp.orders.domain.OrderDecider;
import com.musiccorp.orders.domain.OrderPlacement;
import com.musiccorp.orders.domain.PlaceOrderRequest;
import com.musiccorp.orders.domain.ShippingPolicy;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.schemas.Causation;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.List;

/** Events of one order as each context would write them: caused by the event they react to. */
public final class TestEvents {

    public static final Instant T0 = Instant.parse("2026-03-01T10:15:30Z");

    private TestEvents() {
    }

    public static PlaceOrderRequest request(String idempotencyKey) {
        return new PlaceOrderRequest("cust-1", "Ada Lovelace", "ada@example.com",
                List.of(new PlaceOrderRequest.Line("SKU-1", "Blue Train", "John Coltrane", "VINYL", 2, 2499L),
                        new PlaceOrderRequest.Line("SKU-2", "Kind of Blue", "Miles Davis", "CD", 1, 999L)),
                "GBP",
                new PlaceOrderRequest.ShippingAddress("Ada Lovelace", "1 St James's Square", null, "London",
                        "SW1Y 4JU", "GB"),
                "pm_tok_4f2a9c", idempotencyKey);
    }

    /** The OrderPlaced the orders context writes for {@link #request} with this key. */
    public static OrderPlaced orderPlaced(String idempotencyKey) {
        OrderPlacement placement = new OrderPlacement(ShippingPolicy.freeFrom(399, 5000));
        var accepted = (OrderPlacement.Result.Accepted) placement.place(request(idempotencyKey), T0);
        return (OrderPlaced) OrderDecider.step(OrderDecider.initialState(), accepted.command(), T0).emitted().getFirst();
    }

    static EventMetadata by(SpecificRecord cause, String producer, String type) {
        EventMetadata m = EventHeaders.metadataOf(cause);
        return Causation.causedBy(m, producer, type, 0, m.getOccurredAt().plusMillis(250)); // decided after its cause
    }

    static String orderId(SpecificRecord event) {
        return (String) event.get(event.getSchema().getField("orderId").pos());
    }

    static Money money(long minor) {
        return Money.newBuilder().setAmountMinor(minor).setCurrency("GBP").build();
    }

    public static StockReserved stockReserved(OrderPlaced placed) {
        return StockReserved.newBuilder()
                .setMetadata(by(placed, "warehouse", "StockReserved"))
                .setOrderId(placed.getOrderId())
                .setReservations(placed.getLines().stream().map(l -> StockReservation.newBuilder()
                        .setLineNumber(l.getLineNumber()).setSku(l.getSku()).setQuantity(l.getQuantity()).build())
                        .toList())
                .setReservedAt(T0.plusSeconds(1))
                .build();
    }

    public static StockInsufficient stockInsufficient(OrderPlaced placed) {
        return StockInsufficient.newBuilder()
                .setMetadata(by(placed, "warehouse", "StockInsufficient"))
                .setOrderId(placed.getOrderId())
                .setShortLines(List.of(StockShortfall.newBuilder()
                        .setLineNumber(1).setSku("SKU-1").setRequested(2).setAvailable(0).setShortBy(2).build()))
                .setLines(placed.getLines())
                .setTotal(placed.getTotal())
                .setCustomerId(placed.getCustomer().getCustomerId())
                .setCustomerName(placed.getCustomer().getName())
                .setCustomerEmail(placed.getCustomer().getEmail())
                .build();
    }

    public static PaymentTaken paymentTaken(SpecificRecord reserved) {
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

    public static OrderPackaged orderPackaged(SpecificRecord paymentTaken) {
        return OrderPackaged.newBuilder()
                .setMetadata(by(paymentTaken, "warehouse", "OrderPackaged"))
                .setOrderId(orderId(paymentTaken))
                .setPackageId("pkg-1")
                .setLines(List.of(PackedLine.newBuilder().setLineNumber(1).setSku("SKU-1").setQuantity(2).build()))
                .setPackedAt(T0.plusSeconds(3))
                .build();
    }

    public static OrderDispatched orderDispatched(SpecificRecord packaged) {
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

    public static DispatchFailed dispatchFailed(SpecificRecord packaged) {
        return DispatchFailed.newBuilder()
                .setMetadata(by(packaged, "warehouse", "DispatchFailed"))
                .setOrderId(orderId(packaged))
                .setAttempts(3)
                .setReason("no carrier capacity")
                .build();
    }

    public static PointsAwarded pointsAwarded(SpecificRecord dispatched) {
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
