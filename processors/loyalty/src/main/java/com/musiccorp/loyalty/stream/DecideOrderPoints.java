package com.musiccorp.loyalty.stream;

import com.musiccorp.loyalty.domain.CreditPoints;
import com.musiccorp.loyalty.domain.OrderFact;
import com.musiccorp.loyalty.domain.OrderInput;
import com.musiccorp.loyalty.domain.OrderPoints;
import com.musiccorp.loyalty.domain.OrderPointsDecider;
import com.musiccorp.platform.streams.EventHeaders;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.List;
import java.util.Optional;

/**
 * The order side (key: order id): OrderPlaced and OrderDispatched are decided against the order's
 * {@link OrderPoints} in {@code order-points-store}; the facts are folded into the store. A
 * published fact ({@code EventRejected}) is forwarded keyed by order id, a {@link CreditPoints} is
 * forwarded keyed by its customer id (the topology repartitions it to the customer side). The
 * output value is therefore either a {@link SpecificRecord} or a {@link CreditPoints}.
 */
final class DecideOrderPoints implements Processor<String, SpecificRecord, String, Object> {

    private final OrderPointsDecider decider;

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, OrderPoints> orders;

    DecideOrderPoints(OrderPointsDecider decider) {
        this.decider = decider;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.orders = context.getStateStore(LoyaltyTopology.ORDER_POINTS_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        Optional<OrderInput> input = OrderInput.fromEvent(record.value());
        if (input.isEmpty()) {
            return; // an event of the saga loyalty does not react to
        }
        String orderId = input.get().orderId();
        if (!orderId.equals(record.key())) {
            // The state lives in the partition of the order id; throwing sends it to the dead-letter topic.
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the event's order id '"
                    + orderId + "'");
        }
        OrderPoints state = orders.get(orderId);
        if (state == null) {
            state = decider.initialState();
        }
        List<OrderFact> facts = decider.decide(input.get(), state);
        if (facts.isEmpty()) {
            return; // a redelivery: nothing new
        }
        OrderPoints next = decider.evolveAll(state, facts);
        if (!next.equals(state)) {
            orders.put(orderId, next);
        }
        for (OrderFact fact : facts) {
            switch (fact) {
                case OrderFact.Published published -> {
                    SpecificRecord event = published.event();
                    context.forward(new Record<>(orderId, (Object) event,
                            EventHeaders.metadataOf(event).getOccurredAt().toEpochMilli(), EventHeaders.of(event)));
                }
                case CreditPoints credit -> context.forward(new Record<>(credit.targetKey(), (Object) credit,
                        record.timestamp()));
                case OrderFact.Recorded ignored -> {
                }
            }
        }
    }
}
