package com.musiccorp.payments.stream;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.musiccorp.payments.domain.Payment;
import com.musiccorp.platform.streams.JsonSerde;
import com.musiccorp.platform.streams.compact.CompactSerde;
import org.apache.kafka.common.serialization.Serde;

/**
 * The format of {@code payments-store}: a {@link Payment} in compact binary ({@link PaymentCodec}),
 * no registry needed. A value of the JSON (Smile) format it had before is still read and rewritten
 * compact when next stored; there the stage, a sealed type, carries its name
 * ({@code "stage":{"name":"CHARGING",...}}) through the mix-in below, registered on the shared
 * mapper, so the domain stays free of Jackson annotations.
 */
public final class PaymentStateSerde {

    static {
        JsonSerde.addMixIn(Payment.Stage.class, StageMixIn.class);
    }

    private PaymentStateSerde() {
    }

    public static Serde<Payment> create() {
        return new CompactSerde<>(new PaymentCodec(), new JsonSerde<>(Payment.class));
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
