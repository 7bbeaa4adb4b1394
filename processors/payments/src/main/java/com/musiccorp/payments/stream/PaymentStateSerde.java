package com.musiccorp.payments.stream;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.musiccorp.payments.domain.Payment;
import com.musiccorp.platform.streams.JsonSerde;
import org.apache.kafka.common.serialization.Serde;

/**
 * The format of {@code payments-store}: a {@link Payment} as JSON. Its stage is a sealed type, so
 * the stage's name is written with it ({@code "stage":"CHARGING"}); the domain stays free of
 * Jackson annotations, the mapping lives in the mix-in below, registered on the shared mapper.
 */
public final class PaymentStateSerde {

    static {
        JsonSerde.addMixIn(Payment.Stage.class, StageMixIn.class);
    }

    private PaymentStateSerde() {
    }

    public static Serde<Payment> create() {
        return new JsonSerde<>(Payment.class);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "name")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Payment.Stage.New.class, name = "NEW"),
            @JsonSubTypes.Type(value = Payment.Stage.AwaitingReservation.class, name = "AWAITING_RESERVATION"),
            @JsonSubTypes.Type(value = Payment.Stage.ReservedBeforeOrder.class, name = "RESERVED_BEFORE_ORDER"),
            @JsonSubTypes.Type(value = Payment.Stage.NotCharged.class, name = "NOT_CHARGED"),
            @JsonSubTypes.Type(value = Payment.Stage.Charging.class, name = "CHARGING"),
            @JsonSubTypes.Type(value = Payment.Stage.LookingUpCharge.class, name = "LOOKING_UP_CHARGE"),
            @JsonSubTypes.Type(value = Payment.Stage.Paid.class, name = "PAID"),
            @JsonSubTypes.Type(value = Payment.Stage.Failed.class, name = "FAILED"),
            @JsonSubTypes.Type(value = Payment.Stage.Refunding.class, name = "REFUNDING"),
            @JsonSubTypes.Type(value = Payment.Stage.Refunded.class, name = "REFUNDED"),
            @JsonSubTypes.Type(value = Payment.Stage.RefundBlocked.class, name = "REFUND_BLOCKED")})
    private interface StageMixIn {
    }
}
