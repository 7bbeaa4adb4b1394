package com.musiccorp.loyalty.stream;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.musiccorp.loyalty.domain.CreditPoints;
import com.musiccorp.loyalty.domain.CustomerBalance;
import com.musiccorp.loyalty.domain.OrderPoints;
import com.musiccorp.platform.streams.JsonSerde;
import com.musiccorp.platform.streams.compact.CompactSerde;
import org.apache.kafka.common.serialization.Serde;

/**
 * The formats of loyalty's stores and of its {@code credits} repartition topic: compact binary
 * ({@link OrderPointsCodec}, {@link CustomerBalanceCodec}, {@link CreditPointsCodec}), no registry
 * needed. A value of the JSON format they had before is still read (and rewritten compact when next
 * stored): there {@link OrderPoints.Stage}, a sealed type, carries its name
 * ({@code "stage":{"name":"CREDITED",...}}) through the mix-in below, registered on the shared mapper,
 * so the domain stays free of Jackson annotations.
 */
public final class LoyaltyStateSerde {

    static {
        JsonSerde.addMixIn(OrderPoints.Stage.class, StageMixIn.class);
    }

    private LoyaltyStateSerde() {
    }

    public static Serde<OrderPoints> orderPoints() {
        return new CompactSerde<>(new OrderPointsCodec(), new JsonSerde<>(OrderPoints.class));
    }

    public static Serde<CustomerBalance> customerBalance() {
        return new CompactSerde<>(new CustomerBalanceCodec(), new JsonSerde<>(CustomerBalance.class));
    }

    public static Serde<CreditPoints> creditPoints() {
        return new CompactSerde<>(new CreditPointsCodec(), new JsonSerde<>(CreditPoints.class));
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
