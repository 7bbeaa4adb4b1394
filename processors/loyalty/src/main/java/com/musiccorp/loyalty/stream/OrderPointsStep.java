package com.musiccorp.loyalty.stream;

import com.musiccorp.loyalty.domain.CreditPoints;
import com.musiccorp.loyalty.domain.OrderFact;
import com.musiccorp.loyalty.domain.OrderInput;
import com.musiccorp.loyalty.domain.OrderPoints;
import com.musiccorp.loyalty.domain.OrderPointsDecider;
import com.musiccorp.platform.streams.step.Inputs;
import com.musiccorp.platform.streams.step.Output;
import com.musiccorp.platform.streams.step.Step;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;

/**
 * The order side (key: order id): OrderDispatched is decided against the order's
 * {@link OrderPoints} in {@code order-points-store}. A published fact ({@code EventRejected}) is
 * forwarded keyed by order id; a {@link CreditPoints} is handed over keyed by its customer id (the
 * topology repartitions it to the customer side). So the records forwarded are either a
 * {@link SpecificRecord} or a {@link CreditPoints}.
 */
final class OrderPointsStep {

    private OrderPointsStep() {
    }

    static Step<SpecificRecord, OrderInput, OrderFact, OrderPoints, Object> of(OrderPointsDecider decider) {
        return Step.of(LoyaltyTopology.ORDER_POINTS_STORE, decider, INPUTS, OrderPointsStep::outputs);
    }

    private static final Inputs<SpecificRecord, OrderInput> INPUTS = Inputs.of(OrderInput::fromEvent, OrderInput::orderId);

    private static List<Output<Object>> outputs(String orderId, OrderFact fact) {
        return switch (fact) {
            case OrderFact.Published published -> List.of(Output.event(orderId, published.event()));
            case CreditPoints credit -> List.of(Output.record(credit.targetKey(), credit));
        };
    }
}
