package com.musiccorp.warehouse.stream;

import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.warehouse.domain.Decider;
import com.musiccorp.warehouse.domain.DispatchPolicy;
import com.musiccorp.warehouse.domain.DispatchRequest;
import com.musiccorp.warehouse.domain.FulfilmentEvent;
import com.musiccorp.warehouse.domain.FulfilmentInput;
import com.musiccorp.warehouse.domain.LineRequest;
import com.musiccorp.warehouse.domain.OrderFulfilment;
import com.musiccorp.warehouse.domain.OrderFulfilmentDecider;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/**
 * One live step of an order's fulfilment: its state from {@code fulfilment-store}, the order decider
 * with the input, the new state back, and what was decided forwarded: {@link FulfilmentEvent.Published}
 * (for warehouse.events, event time as timestamp, saga headers) and {@link LineRequest}s (for the
 * SKUs). Order-only facts stay in the state. Two nodes of the topology run this against the same
 * store: one for other contexts' events, one for the SKUs' answers.
 *
 * <p>Every state change also moves the order's entry in {@link DispatchDueIndex}
 * ({@code dispatch-due-store}). With a {@link WarehouseTopology.Dispatching} (the events node), a
 * wall-clock punctuator range-scans that index for attempts that are due, books each with the
 * carrier and decides on its answer like on any input. The answer's trigger metadata is derived
 * from the order's state, so re-booking after a crash yields events with the same ids.
 */
final class DecideFulfilment implements Processor<String, FulfilmentInput, String, FulfilmentEvent> {

    private static final Logger log = LoggerFactory.getLogger(DecideFulfilment.class);

    private final WarehouseTopology.Dispatching dispatching;
    private final Decider<FulfilmentInput, FulfilmentEvent, OrderFulfilment> decider;
    private ProcessorContext<String, FulfilmentEvent> context;
    private KeyValueStore<String, OrderFulfilment> store;
    private DispatchDueIndex dueIndex;

    DecideFulfilment(WarehouseTopology.Dispatching dispatching) {
        this.dispatching = dispatching;
        this.decider = new OrderFulfilmentDecider(dispatching == null ? DispatchPolicy.DEFAULT : dispatching.policy())
                .decider();
    }

    @Override
    public void init(ProcessorContext<String, FulfilmentEvent> context) {
        this.context = context;
        this.store = context.getStateStore(WarehouseTopology.FULFILMENT_STORE);
        this.dueIndex = new DispatchDueIndex(context.getStateStore(WarehouseTopology.DISPATCH_DUE_STORE));
        if (dispatching != null) {
            context.schedule(dispatching.checkEvery(), PunctuationType.WALL_CLOCK_TIME,
                    now -> bookDueDispatches(Instant.ofEpochMilli(now)));
        }
    }

    @Override
    public void process(Record<String, FulfilmentInput> record) {
        FulfilmentInput input = record.value();
        if (!input.orderId().equals(record.key())) {
            // The order's state lives in the partition of its id: a record keyed otherwise is misrouted.
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the input's order id '"
                    + input.orderId() + "'");
        }
        decide(input);
    }

    private void decide(FulfilmentInput input) {
        String orderId = input.orderId();
        OrderFulfilment state = store.get(orderId);
        if (state == null) {
            state = decider.initialState().get();
        }
        Decider.Decision<FulfilmentEvent, OrderFulfilment> decision = decider.handle(state, input);
        if (!decision.state().equals(state)) {
            store.put(orderId, decision.state());
            dueIndex.follow(orderId, state, decision.state());
        }
        for (FulfilmentEvent event : decision.events()) {
            switch (event) {
                case FulfilmentEvent.Published published -> context.forward(new Record<>(orderId,
                        (FulfilmentEvent) published, published.metadata().getOccurredAt().toEpochMilli(),
                        EventHeaders.of(published.event())));
                case LineRequest request -> context.forward(new Record<>(orderId, (FulfilmentEvent) request,
                        request.metadata().getOccurredAt().toEpochMilli(), new RecordHeaders()));
                case FulfilmentEvent.OrderFact ignored -> {
                    // recorded in the state (and so in its changelog) only
                }
            }
        }
    }

    /** Books each attempt whose due time has come; the carrier's answer is decided like any input. */
    private void bookDueDispatches(Instant now) {
        for (KeyValue<String, String> entry : dueIndex.dueAt(now)) {
            String orderId = entry.value;
            Optional<DispatchRequest> pending = Optional.ofNullable(store.get(orderId))
                    .flatMap(OrderFulfilmentDecider::pendingDispatch)
                    .filter(request -> DispatchDueIndex.key(request).equals(entry.key));
            if (pending.isEmpty()) {
                log.warn("Dropping stale dispatch index entry {}: order {} waits for no such attempt", entry.key,
                        orderId);
                dueIndex.forget(entry.key);
                continue;
            }
            DispatchRequest request = pending.get();
            FulfilmentInput.CarrierAnswered answer;
            try {
                answer = request.bookWith(dispatching.carrier());
            } catch (RuntimeException e) {
                log.warn("Carrier failed to answer for order {} attempt {}; trying again later", orderId,
                        request.attempt(), e);
                continue;
            }
            decide(answer);
        }
    }
}
