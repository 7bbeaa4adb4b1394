package com.musiccorp.loyalty.domain;

import com.musiccorp.events.Address;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.Money;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.schemas.Causation;

import java.time.Instant;

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

    /** OrderDispatched for {@link #ORDER} of {@link #CUSTOMER}, total 25.99 GBP. */
    public static OrderInput orderDispatched() {
        return orderDispatched(ORDER, CUSTOMER, 2599, "GBP", "1");
    }

    public static OrderInput orderDispatched(String orderId, String customerId, long totalMinor, String currency,
            String variant) {
        return new OrderInput(dispatch(orderId, customerId, variant).setOrderTotal(money(totalMinor, currency)).build());
    }

    /** OrderDispatched as a warehouse before v3 wrote it: without the order's total. */
    public static OrderInput orderDispatchedWithoutTotal(String orderId, String customerId, String variant) {
        return new OrderInput(dispatch(orderId, customerId, variant).build());
    }

    private static OrderDispatched.Builder dispatch(String orderId, String customerId, String variant) {
        return OrderDispatched.newBuilder()
                .setMetadata(metadata("warehouse", "OrderDispatched", orderId, variant, DISPATCHED_AT))
                .setOrderId(orderId)
                .setCarrier("Royal Mail")
                .setTrackingNumber("RM-" + orderId + "-" + variant)
                .setShippingAddress(address())
                .setDispatchedAt(DISPATCHED_AT)
                .setCustomerId(customerId);
    }
}
