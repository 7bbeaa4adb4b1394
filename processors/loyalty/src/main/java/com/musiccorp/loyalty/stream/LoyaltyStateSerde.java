package com.musiccorp.loyalty.stream;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.musiccorp.loyalty.domain.CreditPoints;
import com.musiccorp.loyalty.domain.CustomerBalance;
import com.musiccorp.loyalty.domain.OrderPoints;
import com.musiccorp.platform.streams.JsonSerde;
import org.apache.kafka.common.serialization.Serde;

/**
 * The formats of loyalty's stores and of its {@code credits} repartition topic, as JSON.
 * {@link OrderPoints.Stage} is a sealed type, so the stage's name is written with it
 * ({@code "stage":{"name":"CREDITED",...}}); the domain stays free of Jackson annotations, the
 * mapping lives in the mix-in below, registered on the shared mapper.
 */
public final class LoyaltyStateSerde {

    static {
        JsonSerde.addMixIn(OrderPoints.Stage.class, StageMixIn.class);
    }

    private LoyaltyStateSerde() {
    }

    public static Serde<OrderPoints> orderPoints() {
        return new JsonSerde<>(OrderPoints.class);
    }

    public static Serde<CustomerBalance> customerBalance() {
        return new JsonSerde<>(CustomerBalance.class);
    }

    public static Serde<CreditPoints> creditPoints() {
        return new JsonSerde<>(CreditPoints.class);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "name")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = OrderPoints.Stage.New.class, name = "NEW"),
            @JsonSubTypes.Type(value = OrderPoints.Stage.AwaitingDispatch.class, name = "AWAITING_DISPATCH"),
            @JsonSubTypes.Type(value = OrderPoints.Stage.DispatchedBeforeOrder.class, name = "DISPATCHED_BEFORE_ORDER"),
            @JsonSubTypes.Type(value = OrderPoints.Stage.Credited.class, name = "CREDITED")})
    private interface StageMixIn {
    }
}
