package com.musiccorp.notifications.domain;

import com.musiccorp.events.Address;
import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.Customer;
import com.musiccorp.events.DispatchDelayed;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.ItemNotFound;
import com.musiccorp.events.MediaFormat;
import com.musiccorp.events.Money;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderLine;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentRefunded;
import com.musiccorp.schemas.Causation;

import java.time.Instant;
import java.util.List;

/** Input events of other contexts, as notifications reads them. */
public final class Events {

    public static final String ORDER = "order-42";
    public static final String CUSTOMER = "cust-7";
    public static final String NAME = "Ada Lovelace";
    public static final String EMAIL = "ada@example.com";
    /** The address OrderCancelled carries; deliberately different, to show which event a message used. */
    public static final String CANCEL_EMAIL = "ada.l@example.org";
    /** The saga's correlation id: orders generates it, distinct from the order id. */
    public static final String SAGA = "saga-of-" + ORDER;
    public static final Instant PLACED_AT = Instant.parse("2025-03-01T10:00:00Z");
    /** When notifications decides, in the domain tests: later than the events it reacts to. */
    public static final Instant DECIDED_AT = PLACED_AT.plusMillis(50);

    private Events() {
    }

    public static EventMetadata metadata(String producer, String type, String variant, Instant at) {
        return EventMetadata.newBuilder()
                .setEventId(Causation.deterministicId(producer + "/" + type + "/" + ORDER + "/" + variant))
                .setCorrelationId(SAGA)
                .setCausationId(null)
                .setOccurredAt(at)
                .setProducer(producer)
                .setSchemaVersion(Causation.SCHEMA_VERSION)
                .build();
    }

    public static Money gbp(long minor) {
        return Money.newBuilder().setAmountMinor(minor).setCurrency("GBP").build();
    }

    private static Address address() {
        return Address.newBuilder().setName(NAME).setLine1("1 Analytical Row").setCity("London")
                .setPostalCode("N1 1AA").setCountryCode("GB").build();
    }

    public static NotificationInput.Placed orderPlaced() {
        return orderPlaced("1");
    }

    public static NotificationInput.Placed orderPlaced(String variant) {
        return orderPlaced(variant, EMAIL);
    }

    /** OrderPlaced by a customer at {@code email} (the simulated mailer's rules read the address). */
    public static NotificationInput.Placed orderPlaced(String variant, String email) {
        OrderLine line = OrderLine.newBuilder()
                .setLineNumber(1).setSku("VINYL-001").setTitle("Blue Train").setArtist("John Coltrane")
                .setFormat(MediaFormat.VINYL).setQuantity(1).setUnitPrice(gbp(2200))
                .build();
        return new NotificationInput.Placed(OrderPlaced.newBuilder()
                .setMetadata(metadata("orders", "OrderPlaced", variant, PLACED_AT))
                .setOrderId(ORDER)
                .setCustomer(Customer.newBuilder().setCustomerId(CUSTOMER).setName(NAME).setEmail(email).build())
                .setLines(List.of(line))
                .setSubtotal(gbp(2200))
                .setShippingCost(gbp(399))
                .setTotal(gbp(2599))
                .setCurrency("GBP")
                .setShippingAddress(address())
                .setPaymentMethodToken("tok_visa")
                .setPlacedAt(PLACED_AT)
                .build());
    }

    public static NotificationInput.Dispatched orderDispatched() {
        Instant at = PLACED_AT.plusSeconds(3600);
        return new NotificationInput.Dispatched(OrderDispatched.newBuilder()
                .setMetadata(metadata("warehouse", "OrderDispatched", "1", at))
                .setOrderId(ORDER)
                .setCarrier("Royal Mail")
                .setTrackingNumber("RM123456789GB")
                .setShippingAddress(address())
                .setDispatchedAt(at)
                .setCustomerId(CUSTOMER)
                .build());
    }

    public static NotificationInput.Delayed dispatchDelayed(int attempt) {
        Instant at = PLACED_AT.plusSeconds(1800L * attempt);
        return new NotificationInput.Delayed(DispatchDelayed.newBuilder()
                .setMetadata(metadata("warehouse", "DispatchDelayed", "attempt-" + attempt, at))
                .setOrderId(ORDER)
                .setAttempt(attempt)
                .setReason("carrier has no capacity")
                .setNextAttemptAt(at.plusSeconds(600))
                .build());
    }

    public static NotificationInput.Cancelled orderCancelled(CancellationReason code) {
        Instant at = PLACED_AT.plusSeconds(900);
        return new NotificationInput.Cancelled(OrderCancelled.newBuilder()
                .setMetadata(metadata("orders", "OrderCancelled", "1", at))
                .setOrderId(ORDER)
                .setCustomerId(CUSTOMER)
                .setCustomerName(NAME)
                .setCustomerEmail(CANCEL_EMAIL)
                .setReason(code == CancellationReason.ITEM_NOT_FOUND ? "an item could not be found"
                        : "not enough stock")
                .setReasonCode(code)
                .setCancelledAt(at)
                .build());
    }

    public static NotificationInput.ItemMissing itemNotFound(String variant) {
        return new NotificationInput.ItemMissing(ItemNotFound.newBuilder()
                .setMetadata(metadata("warehouse", "ItemNotFound", variant, PLACED_AT.plusSeconds(600)))
                .setOrderId(ORDER)
                .setSku("VINYL-001")
                .setLineNumber(1)
                .setMissingQuantity(1)
                .setReason("shelf empty")
                .build());
    }

    public static NotificationInput.Refunded paymentRefunded() {
        return new NotificationInput.Refunded(PaymentRefunded.newBuilder()
                .setMetadata(metadata("payments", "PaymentRefunded", "1", PLACED_AT.plusSeconds(700)))
                .setOrderId(ORDER)
                .setPaymentId("pay-1")
                .setAmount(gbp(2599))
                .setCustomerId(CUSTOMER)
                .setReason("item not found")
                .build());
    }
}
