package com.musiccorp.payments.domain;

import com.musiccorp.events.Address;
import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.Customer;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.ItemNotFound;
import com.musiccorp.events.MediaFormat;
import com.musiccorp.events.Money;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderLine;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.StockInsufficient;
import com.musiccorp.events.StockReservation;
import com.musiccorp.events.StockReserved;
import com.musiccorp.events.StockShortfall;
import com.musiccorp.schemas.Causation;

import java.time.Instant;
import java.util.List;

/** Input events of other contexts, as payments reads them. */
public final class Events {

    public static final String ORDER = "order-42";
    public static final String CUSTOMER = "cust-7";
    /** The saga's correlation id: orders generates it, distinct from the order id. */
    public static final String SAGA = correlationOf(ORDER);
    public static final Instant PLACED_AT = Instant.parse("2025-03-01T10:00:00Z");
    public static final Instant RESERVED_AT = PLACED_AT.plusSeconds(2);
    public static final Instant MISSING_AT = PLACED_AT.plusSeconds(600);
    public static final Instant CANCELLED_AT = PLACED_AT.plusSeconds(900);
    /** When payments decides, in the domain tests: later than every event above. */
    public static final Instant DECIDED_AT = PLACED_AT.plusSeconds(3600);

    private Events() {
    }

    public static EventMetadata metadata(String producer, String type, String orderId, String variant, Instant at) {
        return EventMetadata.newBuilder()
                .setEventId(Causation.deterministicId(producer + "/" + type + "/" + orderId + "/" + variant))
                .setCorrelationId(correlationOf(orderId))
                .setCausationId(null)
                .setOccurredAt(at)
                .setProducer(producer)
                .setSchemaVersion(Causation.SCHEMA_VERSION)
                .build();
    }

    public static String correlationOf(String orderId) {
        return "saga-of-" + orderId;
    }

    public static Money gbp(long minor) {
        return Money.newBuilder().setAmountMinor(minor).setCurrency("GBP").build();
    }

    public static PaymentInput.Placed orderPlaced(String token) {
        return orderPlaced(ORDER, token, 2599, "1");
    }

    public static PaymentInput.Placed orderPlaced(String orderId, String token, long totalMinor, String variant) {
        OrderLine line = OrderLine.newBuilder()
                .setLineNumber(1).setSku("VINYL-001").setTitle("Blue Train").setArtist("John Coltrane")
                .setFormat(MediaFormat.VINYL).setQuantity(1).setUnitPrice(gbp(totalMinor - 399))
                .build();
        OrderPlaced event = OrderPlaced.newBuilder()
                .setMetadata(metadata("orders", "OrderPlaced", orderId, variant, PLACED_AT))
                .setOrderId(orderId)
                .setCustomer(Customer.newBuilder().setCustomerId(CUSTOMER).setName("Ada Lovelace")
                        .setEmail("ada@example.com").build())
                .setLines(List.of(line))
                .setSubtotal(gbp(totalMinor - 399))
                .setShippingCost(gbp(399))
                .setTotal(gbp(totalMinor))
                .setCurrency("GBP")
                .setShippingAddress(Address.newBuilder().setName("Ada Lovelace").setLine1("1 Analytical Row")
                        .setCity("London").setPostalCode("N1 1AA").setCountryCode("GB").build())
                .setPaymentMethodToken(token)
                .setPlacedAt(PLACED_AT)
                .build();
        return new PaymentInput.Placed(event);
    }

    public static PaymentInput.Reserved stockReserved() {
        return stockReserved(ORDER, "1");
    }

    public static PaymentInput.Reserved stockReserved(String orderId, String variant) {
        StockReserved event = StockReserved.newBuilder()
                .setMetadata(metadata("warehouse", "StockReserved", orderId, variant, RESERVED_AT))
                .setOrderId(orderId)
                .setReservations(List.of(StockReservation.newBuilder().setLineNumber(1).setSku("VINYL-001")
                        .setQuantity(1).build()))
                .setReservedAt(RESERVED_AT)
                .build();
        return new PaymentInput.Reserved(event);
    }

    public static PaymentInput.ReservationFailed stockInsufficient() {
        StockInsufficient event = StockInsufficient.newBuilder()
                .setMetadata(metadata("warehouse", "StockInsufficient", ORDER, "1", RESERVED_AT))
                .setOrderId(ORDER)
                .setShortLines(List.of(StockShortfall.newBuilder().setLineNumber(1).setSku("VINYL-001")
                        .setRequested(1).setAvailable(0).setShortBy(1).build()))
                .setLines(List.of())
                .setTotal(gbp(2599))
                .setCustomerId(CUSTOMER)
                .setCustomerName("Ada Lovelace")
                .setCustomerEmail("ada@example.com")
                .build();
        return new PaymentInput.ReservationFailed(event);
    }

    public static PaymentInput.ItemMissing itemNotFound(String variant) {
        ItemNotFound event = ItemNotFound.newBuilder()
                .setMetadata(metadata("warehouse", "ItemNotFound", ORDER, variant, MISSING_AT))
                .setOrderId(ORDER)
                .setSku("VINYL-001")
                .setLineNumber(1)
                .setMissingQuantity(1)
                .setReason("shelf empty")
                .build();
        return new PaymentInput.ItemMissing(event);
    }

    public static PaymentInput.Cancelled orderCancelled(CancellationReason code) {
        return orderCancelled(ORDER, code, "1");
    }

    public static PaymentInput.Cancelled orderCancelled(String orderId, CancellationReason code, String variant) {
        OrderCancelled event = OrderCancelled.newBuilder()
                .setMetadata(metadata("orders", "OrderCancelled", orderId, variant, CANCELLED_AT))
                .setOrderId(orderId)
                .setCustomerId(CUSTOMER)
                .setCustomerName("Ada Lovelace")
                .setCustomerEmail("ada@example.com")
                .setReason("cancelled: " + code)
                .setReasonCode(code)
                .setCancelledAt(CANCELLED_AT)
                .build();
        return new PaymentInput.Cancelled(event);
    }
}
