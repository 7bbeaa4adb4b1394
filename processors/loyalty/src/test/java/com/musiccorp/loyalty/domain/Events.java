package com.musiccorp.loyalty.domain;

import com.musiccorp.events.Address;
import com.musiccorp.events.Customer;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.MediaFormat;
import com.musiccorp.events.Money;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderLine;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.schemas.Causation;

import java.time.Instant;
import java.util.List;

/** Input events of other contexts, as loyalty reads them. */
public final class Events {

    public static final String ORDER = "order-42";
    public static final String CUSTOMER = "cust-7";
    public static final Instant PLACED_AT = Instant.parse("2025-03-01T10:00:00Z");
    public static final Instant DISPATCHED_AT = PLACED_AT.plusSeconds(3600);
    /** When loyalty decides, in the domain tests: later than any event it reacts to. */
    public static final Instant DECIDED_AT = DISPATCHED_AT.plusMillis(250);

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

    /** The saga's correlation id: orders generates it, distinct from the order id. */
    public static String correlationOf(String orderId) {
        return "saga-of-" + orderId;
    }

    public static Money money(long minor, String currency) {
        return Money.newBuilder().setAmountMinor(minor).setCurrency(currency).build();
    }

    static Address address() {
        return Address.newBuilder().setName("Ada Lovelace").setLine1("1 Analytical Row")
                .setCity("London").setPostalCode("N1 1AA").setCountryCode("GB").build();
    }

    /** OrderPlaced for {@link #ORDER} of {@link #CUSTOMER}, total 25.99 GBP. */
    public static OrderInput.Placed orderPlaced() {
        return orderPlaced(ORDER, CUSTOMER, 2599, "GBP", "1");
    }

    public static OrderInput.Placed orderPlaced(String orderId, String customerId, long totalMinor, String currency,
            String variant) {
        OrderLine line = OrderLine.newBuilder()
                .setLineNumber(1).setSku("VINYL-001").setTitle("Blue Train").setArtist("John Coltrane")
                .setFormat(MediaFormat.VINYL).setQuantity(1).setUnitPrice(money(totalMinor, currency))
                .build();
        OrderPlaced event = OrderPlaced.newBuilder()
                .setMetadata(metadata("orders", "OrderPlaced", orderId, variant, PLACED_AT))
                .setOrderId(orderId)
                .setCustomer(Customer.newBuilder().setCustomerId(customerId).setName("Ada Lovelace")
                        .setEmail("ada@example.com").build())
                .setLines(List.of(line))
                .setSubtotal(money(totalMinor, currency))
                .setShippingCost(money(0, currency))
                .setTotal(money(totalMinor, currency))
                .setCurrency(currency)
                .setShippingAddress(address())
                .setPaymentMethodToken("tok_visa")
                .setPlacedAt(PLACED_AT)
                .build();
        return new OrderInput.Placed(event);
    }

    public static OrderInput.Dispatched orderDispatched() {
        return orderDispatched(ORDER, CUSTOMER, "1");
    }

    public static OrderInput.Dispatched orderDispatched(String orderId, String customerId, String variant) {
        OrderDispatched event = OrderDispatched.newBuilder()
                .setMetadata(metadata("warehouse", "OrderDispatched", orderId, variant, DISPATCHED_AT))
                .setOrderId(orderId)
                .setCarrier("Royal Mail")
                .setTrackingNumber("RM-" + orderId + "-" + variant)
                .setShippingAddress(address())
                .setDispatchedAt(DISPATCHED_AT)
                .setCustomerId(customerId)
                .build();
        return new OrderInput.Dispatched(event);
    }
}
