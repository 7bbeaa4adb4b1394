package com.musiccorp.warehouse.domain;

import com.musiccorp.events.Address;
import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.Customer;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.MediaFormat;
import com.musiccorp.events.Money;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderLine;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentFailureReason;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.StockAdjusted;
import com.musiccorp.events.StockReceived;
import com.musiccorp.schemas.Causation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** Events of other contexts, as they would arrive, with deterministic ids so tests can repeat them. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    /** When the warehouse decides, in the domain tests: an hour after the events it reacts to. */
    static final Instant DECIDED_AT = T0.plusSeconds(3600);
    /** The carrier's clock, in the domain tests: it answers 400 ms after the warehouse decided. */
    static final Clock CARRIER_CLOCK = Clock.fixed(DECIDED_AT.plusMillis(400), ZoneOffset.UTC);
    static final Address ADDRESS = new Address("Ada Lovelace", "1 Analytical Way", null, "London", "N1 9GU", "GB");

    private Fixtures() {
    }

    /** The saga's correlation id: orders generates it, and it is not the order id. */
    static String sagaOf(String orderId) {
        return "saga-" + orderId;
    }

    /** Metadata of an event produced by {@code producer}; {@code name} makes the id. */
    static EventMetadata metadata(String producer, String name, String correlationId, Instant at) {
        return Causation.fromCommand(name, correlationId, at, producer, name);
    }

    static OrderLine line(int lineNumber, String sku, int quantity) {
        return new OrderLine(lineNumber, sku, "Title " + sku, "Artist " + sku, MediaFormat.VINYL, quantity,
                new Money(2000L, "GBP"));
    }

    static OrderPlaced orderPlaced(String orderId, OrderLine... lines) {
        long subtotal = Arrays.stream(lines).mapToLong(l -> l.getQuantity() * l.getUnitPrice().getAmountMinor()).sum();
        return OrderPlaced.newBuilder()
                .setMetadata(metadata("orders", "OrderPlaced/" + orderId, sagaOf(orderId), T0))
                .setOrderId(orderId)
                .setCustomer(new Customer("cust-1", "Ada Lovelace", "ada@example.com"))
                .setLines(List.of(lines))
                .setSubtotal(new Money(subtotal, "GBP"))
                .setShippingCost(new Money(399L, "GBP"))
                .setTotal(new Money(subtotal + 399L, "GBP"))
                .setCurrency("GBP")
                .setShippingAddress(ADDRESS)
                .setPaymentMethodToken("tok_visa")
                .setPlacedAt(T0)
                .build();
    }

    static PaymentTaken paymentTaken(String orderId, String name, Instant at) {
        return PaymentTaken.newBuilder()
                .setMetadata(metadata("payments", "PaymentTaken/" + orderId + "/" + name, sagaOf(orderId), at))
                .setOrderId(orderId)
                .setPaymentId("pay-" + orderId)
                .setAmount(new Money(4399L, "GBP"))
                .setCustomerId("cust-1")
                .setGatewayReference("gw-" + name)
                .setTakenAt(at)
                .build();
    }

    static PaymentFailed paymentFailed(String orderId, Instant at) {
        return PaymentFailed.newBuilder()
                .setMetadata(metadata("payments", "PaymentFailed/" + orderId, sagaOf(orderId), at))
                .setOrderId(orderId)
                .setAmount(new Money(4399L, "GBP"))
                .setCustomerId("cust-1")
                .setReason("card declined")
                .setReasonCode(PaymentFailureReason.DECLINED)
                .setAttempts(1)
                .build();
    }

    /** OrderCancelled as orders emits it, e.g. after an operator cancelled an order whose dispatch failed. */
    static OrderCancelled orderCancelled(String orderId, CancellationReason reasonCode, Instant at) {
        return OrderCancelled.newBuilder()
                .setMetadata(metadata("orders", "OrderCancelled/" + orderId + "/" + reasonCode, sagaOf(orderId), at))
                .setOrderId(orderId)
                .setCustomerId("cust-1")
                .setCustomerName("Ada Lovelace")
                .setCustomerEmail("ada@example.com")
                .setReason("cancelled because " + reasonCode)
                .setReasonCode(reasonCode)
                .setCancelledAt(at)
                .build();
    }

    static StockReceived stockReceived(String sku, int quantity, String receiptId) {
        return StockReceived.newBuilder()
                .setMetadata(metadata("warehouse", "StockReceived/" + receiptId, sku, T0.minusSeconds(3600)))
                .setSku(sku)
                .setTitle("Title " + sku)
                .setArtist("Artist " + sku)
                .setFormat(MediaFormat.VINYL)
                .setQuantity(quantity)
                .setReceiptId(receiptId)
                .setReceivedAt(T0.minusSeconds(3600))
                .build();
    }

    static StockAdjusted stockAdjusted(String sku, int delta, String adjustmentId) {
        return StockAdjusted.newBuilder()
                .setMetadata(metadata("warehouse", "StockAdjusted/" + adjustmentId, sku, T0.plusSeconds(60)))
                .setSku(sku)
                .setQuantityDelta(delta)
                .setReason("stock count")
                .setAdjustmentId(adjustmentId)
                .build();
    }

    /** A request as the order side would send it for a line of an order of several: metadata derived from the order's OrderPlaced. */
    static LineRequest.ReserveLine reserve(String orderId, int lineNumber, String sku, int quantity) {
        return reserve(orderId, lineNumber, sku, quantity, false);
    }

    /** A request as the order side would send it: metadata derived from the order's OrderPlaced. */
    static LineRequest.ReserveLine reserve(String orderId, int lineNumber, String sku, int quantity, boolean onlyLine) {
        return new LineRequest.ReserveLine(orderId, lineNumber, sku, quantity, onlyLine,
                Causation.causedBy(metadata("orders", "OrderPlaced/" + orderId, sagaOf(orderId), T0), "warehouse",
                        "ReserveLine", lineNumber - 1, T0));
    }

    static LineRequest.PackLine pack(String orderId, String sku, int quantity) {
        return new LineRequest.PackLine(orderId, sku, quantity,
                Causation.causedBy(metadata("payments", "PaymentTaken/" + orderId, sagaOf(orderId), T0), "warehouse",
                        "PackLine", 0, T0));
    }

    /** An earlier version's request when paid (it packed on the answer). */
    static LineRequest.PickLine pick(String orderId, String sku, int quantity) {
        return new LineRequest.PickLine(orderId, sku, quantity,
                Causation.causedBy(metadata("payments", "PaymentTaken/" + orderId, sagaOf(orderId), T0), "warehouse",
                        "PickLine", 0, T0));
    }

    static LineRequest.ReleaseLine release(String orderId, String sku, String why) {
        return release(orderId, sku, why, 0);
    }

    /** A release once packing began: {@code packedUnits} of the SKU in the order's package. */
    static LineRequest.ReleaseLine release(String orderId, String sku, String why, int packedUnits) {
        return new LineRequest.ReleaseLine(orderId, sku, why, packedUnits,
                Causation.causedBy(metadata("payments", why + "/" + orderId, sagaOf(orderId), T0), "warehouse",
                        "ReleaseLine", 0, T0));
    }

    static LineRequest.ShipLine ship(String orderId, String sku, int quantity) {
        return new LineRequest.ShipLine(orderId, sku, quantity,
                Causation.causedBy(metadata("warehouse", "DispatchDue/" + orderId, sagaOf(orderId), T0), "warehouse",
                        "ShipLine", 0, T0));
    }
}
