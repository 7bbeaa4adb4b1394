package com.musiccorp.sagastatus.domain;

import com.musiccorp.events.Address;
import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.Customer;
import com.musiccorp.events.DispatchDelayed;
import com.musiccorp.events.DispatchFailed;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.EventRejected;
import com.musiccorp.events.ItemNotFound;
import com.musiccorp.events.MediaFormat;
import com.musiccorp.events.Money;
import com.musiccorp.events.NotificationChannel;
import com.musiccorp.events.NotificationSent;
import com.musiccorp.events.NotificationTemplate;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderCompleted;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderLine;
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

/**
 * One order's events as each context writes them: every reaction derives its metadata from its
 * cause ({@link Causation#causedBy}), so it inherits the correlation id and the cause's time. The
 * correlation id differs from the order id on purpose.
 */
public final class Events {

    public static final Instant PLACED_AT = Instant.parse("2026-03-01T10:15:30Z");
    /** How long after its cause a context decides a reaction, in these fixtures. */
    public static final java.time.Duration REACTION = java.time.Duration.ofMillis(250);

    public final String orderId;
    public final String correlationId;
    public final String customerId = "cust-1";

    public Events(String orderId) {
        this.orderId = orderId;
        this.correlationId = "saga-" + orderId + "-c0ffee";
    }

    public static Events forOrder(String orderId) {
        return new Events(orderId);
    }

    public OrderPlaced placed() {
        return placed(PLACED_AT);
    }

    public OrderPlaced placed(Instant at) {
        Money total = money(5397);
        return OrderPlaced.newBuilder()
                .setMetadata(Causation.fromCommand("key-" + orderId, correlationId, at, "orders", "OrderPlaced"))
                .setOrderId(orderId)
                .setCustomer(Customer.newBuilder().setCustomerId(customerId).setName("Ada Lovelace")
                        .setEmail("ada@example.com").build())
                .setLines(List.of(OrderLine.newBuilder().setLineNumber(1).setSku("SKU-1").setTitle("Blue Train")
                        .setArtist("John Coltrane").setFormat(MediaFormat.VINYL).setQuantity(2)
                        .setUnitPrice(money(2499)).build()))
                .setSubtotal(money(4998)).setShippingCost(money(399)).setTotal(total).setCurrency("GBP")
                .setShippingAddress(address()).setPaymentMethodToken("tok_ok").setPlacedAt(at)
                .build();
    }

    public StockReserved reserved(SpecificRecord cause) {
        EventMetadata m = by(cause, "warehouse", "StockReserved");
        return StockReserved.newBuilder().setMetadata(m).setOrderId(orderId)
                .setReservations(List.of(StockReservation.newBuilder().setLineNumber(1).setSku("SKU-1").setQuantity(2).build()))
                .setReservedAt(m.getOccurredAt()).build();
    }

    public StockInsufficient insufficient(SpecificRecord cause) {
        return StockInsufficient.newBuilder().setMetadata(by(cause, "warehouse", "StockInsufficient")).setOrderId(orderId)
                .setShortLines(List.of(StockShortfall.newBuilder().setLineNumber(1).setSku("SKU-1").setRequested(50)
                        .setAvailable(8).setShortBy(42).build()))
                .setLines(List.of()).setTotal(money(5397)).setCustomerId(customerId).setCustomerName("Ada Lovelace")
                .setCustomerEmail("ada@example.com").build();
    }

    public StockReleased released(SpecificRecord cause, String reason) {
        return StockReleased.newBuilder().setMetadata(by(cause, "warehouse", "StockReleased")).setOrderId(orderId)
                .setReleases(List.of(StockRelease.newBuilder().setSku("SKU-1").setQuantity(2).build()))
                .setReason(reason).build();
    }

    public PaymentTaken taken(SpecificRecord cause) {
        EventMetadata m = by(cause, "payments", "PaymentTaken");
        return PaymentTaken.newBuilder().setMetadata(m).setOrderId(orderId).setPaymentId("pay-" + orderId)
                .setAmount(money(5397)).setCustomerId(customerId).setGatewayReference("gw-1")
                .setTakenAt(m.getOccurredAt()).build();
    }

    public PaymentFailed paymentFailed(SpecificRecord cause) {
        return PaymentFailed.newBuilder().setMetadata(by(cause, "payments", "PaymentFailed")).setOrderId(orderId)
                .setAmount(money(5397)).setCustomerId(customerId).setReason("card declined by issuer")
                .setReasonCode(PaymentFailureReason.DECLINED).setAttempts(1).build();
    }

    public PaymentRefunded refunded(SpecificRecord cause) {
        return PaymentRefunded.newBuilder().setMetadata(by(cause, "payments", "PaymentRefunded")).setOrderId(orderId)
                .setPaymentId("pay-" + orderId).setAmount(money(5397)).setCustomerId(customerId)
                .setReason("item not found").build();
    }

    public OrderPackaged packaged(SpecificRecord cause) {
        EventMetadata m = by(cause, "warehouse", "OrderPackaged");
        return OrderPackaged.newBuilder().setMetadata(m).setOrderId(orderId).setPackageId("pkg-" + orderId)
                .setLines(List.of(PackedLine.newBuilder().setLineNumber(1).setSku("SKU-1").setQuantity(2).build()))
                .setPackedAt(m.getOccurredAt()).build();
    }

    public ItemNotFound itemNotFound(SpecificRecord cause) {
        return ItemNotFound.newBuilder().setMetadata(by(cause, "warehouse", "ItemNotFound")).setOrderId(orderId)
                .setSku("SKU-1").setLineNumber(1).setMissingQuantity(1).setReason("shelf count was wrong").build();
    }

    public DispatchDelayed delayed(SpecificRecord cause) {
        EventMetadata m = by(cause, "warehouse", "DispatchDelayed");
        return DispatchDelayed.newBuilder().setMetadata(m).setOrderId(orderId).setAttempt(1)
                .setReason("carrier has no capacity").setNextAttemptAt(m.getOccurredAt().plusSeconds(60)).build();
    }

    public DispatchFailed dispatchFailed(SpecificRecord cause) {
        return DispatchFailed.newBuilder().setMetadata(by(cause, "warehouse", "DispatchFailed")).setOrderId(orderId)
                .setAttempts(3).setReason("carrier has no capacity").build();
    }

    public OrderDispatched dispatched(SpecificRecord cause) {
        EventMetadata m = by(cause, "warehouse", "OrderDispatched");
        return OrderDispatched.newBuilder().setMetadata(m).setOrderId(orderId).setCarrier("Royal Mail")
                .setTrackingNumber("RM-" + orderId).setShippingAddress(address()).setDispatchedAt(m.getOccurredAt())
                .setCustomerId(customerId).build();
    }

    public PointsAwarded points(SpecificRecord cause) {
        return PointsAwarded.newBuilder().setMetadata(by(cause, "loyalty", "PointsAwarded")).setOrderId(orderId)
                .setCustomerId(customerId).setPoints(53).setNewBalance(53).setOrderTotal(money(5397)).build();
    }

    public OrderCompleted completed(SpecificRecord cause) {
        EventMetadata m = by(cause, "orders", "OrderCompleted");
        return OrderCompleted.newBuilder().setMetadata(m).setOrderId(orderId).setCustomerId(customerId)
                .setCompletedAt(m.getOccurredAt()).build();
    }

    public OrderCancelled cancelled(SpecificRecord cause, CancellationReason code, String reason) {
        return cancelled(by(cause, "orders", "OrderCancelled"), code, reason);
    }

    /** An operator's cancel: caused from outside, at its own time. */
    public OrderCancelled cancelledByOperator(Instant at, String reason) {
        return cancelled(Causation.fromCommand("cancel-" + orderId, correlationId, at, "orders", "OrderCancelled"),
                CancellationReason.DISPATCH_FAILED, reason);
    }

    private OrderCancelled cancelled(EventMetadata m, CancellationReason code, String reason) {
        return OrderCancelled.newBuilder().setMetadata(m).setOrderId(orderId).setCustomerId(customerId)
                .setCustomerName("Ada Lovelace").setCustomerEmail("ada@example.com").setReason(reason)
                .setReasonCode(code).setCancelledAt(m.getOccurredAt()).build();
    }

    public NotificationSent notified(SpecificRecord cause, NotificationTemplate template) {
        return NotificationSent.newBuilder().setMetadata(by(cause, "notifications", "NotificationSent/" + template)).setOrderId(orderId).setCustomerId(customerId)
                .setChannel(NotificationChannel.EMAIL).setRecipient("ada@example.com").setTemplate(template)
                .setSubject("About your order " + orderId).setTriggeredByEventType(cause.getSchema().getName()).build();
    }

    public EventRejected rejected(SpecificRecord cause, String producer, String reason) {
        EventMetadata rejectedMeta = metadataOf(cause);
        return EventRejected.newBuilder().setMetadata(by(cause, producer, "EventRejected")).setOrderId(orderId)
                .setRejectedEventId(rejectedMeta.getEventId().toString())
                .setRejectedEventType(cause.getSchema().getName()).setReason(reason).build();
    }

    /** The happy path, in the order the contexts write it. */
    public List<SpecificRecord> happyPath() {
        OrderPlaced placed = placed();
        StockReserved reserved = reserved(placed);
        PaymentTaken taken = taken(reserved);
        OrderPackaged packaged = packaged(taken);
        OrderDispatched dispatched = dispatched(packaged);
        PointsAwarded points = points(dispatched);
        return List.of(placed, notified(placed, NotificationTemplate.ORDER_CONFIRMATION), reserved, taken, packaged,
                dispatched, notified(dispatched, NotificationTemplate.ORDER_DISPATCHED), points, completed(points));
    }

    /**
     * Placed, reserved, taken, packaged, then {@code retries} rounds of an operator's retry, each
     * four DispatchDelayed and a DispatchFailed a minute apart, every event caused by the one before.
     */
    public List<SpecificRecord> retryStorm(int retries, String reason) {
        Events order = this;
        OrderPlaced placed = order.placed();
        List<SpecificRecord> events = new ArrayList<>(List.of(placed));
        events.add(order.reserved(placed));
        events.add(order.taken(events.getLast()));
        OrderPackaged packaged = order.packaged(events.getLast());
        events.add(packaged);
        Instant at = Events.PLACED_AT;
        for (int round = 1; round <= retries; round++) {
            for (int attempt = 1; attempt <= 4; attempt++) {
                at = at.plusSeconds(60);
                EventMetadata m = Causation.causedBy(Events.metadataOf(events.getLast()), "warehouse", "DispatchDelayed",
                        round * 10 + attempt, at);
                events.add(DispatchDelayed.newBuilder().setMetadata(m).setOrderId(order.orderId).setAttempt(attempt)
                        .setReason(reason).setNextAttemptAt(at.plusSeconds(60)).build());
            }
            at = at.plusSeconds(60);
            EventMetadata m = Causation.causedBy(Events.metadataOf(events.getLast()), "warehouse", "DispatchFailed",
                    round, at);
            events.add(DispatchFailed.newBuilder().setMetadata(m).setOrderId(order.orderId).setAttempts(round)
                    .setReason(reason).build());
        }
        return events;
    }

    public static EventMetadata metadataOf(SpecificRecord event) {
        return (EventMetadata) event.get(event.getSchema().getField("metadata").pos());
    }

    public static SagaEvent read(SpecificRecord event) {
        return SagaEvents.from(event).orElseThrow();
    }

    public static List<SagaEvent> read(List<SpecificRecord> events) {
        return events.stream().map(Events::read).toList();
    }

    /** A reaction, decided {@link #REACTION} after its cause (as a context decides at its own clock). */
    private static EventMetadata by(SpecificRecord cause, String producer, String type) {
        EventMetadata m = metadataOf(cause);
        return Causation.causedBy(m, producer, type, 0, m.getOccurredAt().plus(REACTION));
    }

    private static Money money(long minor) {
        return Money.newBuilder().setAmountMinor(minor).setCurrency("GBP").build();
    }

    private static Address address() {
        return Address.newBuilder().setName("Ada Lovelace").setLine1("3 Abbey Road").setCity("London")
                .setPostalCode("NW8 9AY").setCountryCode("GB").build();
    }
}
