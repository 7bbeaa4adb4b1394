package com.musiccorp.warehouse.stream;

import com.musiccorp.platform.streams.step.Punctuations;
import com.musiccorp.platform.streams.step.Steps;
import com.musiccorp.warehouse.domain.DispatchRequest;
import com.musiccorp.warehouse.domain.FulfilmentInput;
import com.musiccorp.warehouse.domain.OrderFulfilment;
import com.musiccorp.warehouse.domain.OrderFulfilmentDecider;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/**
 * The order step's dispatch calls: every {@code checkEvery} of wall-clock time, each attempt due in
 * {@link DispatchDueIndex} is booked with the carrier, and the carrier's answer is fed back through
 * the same step, decided like any input under the same exactly-once transaction. The answer's
 * trigger metadata is derived from the order's state, so re-booking after a crash yields events
 * with the same ids.
 */
final class DueDispatches implements Punctuations<FulfilmentInput, OrderFulfilment> {

    private static final Logger log = LoggerFactory.getLogger(DueDispatches.class);

    private final WarehouseTopology.Dispatching dispatching;

    DueDispatches(WarehouseTopology.Dispatching dispatching) {
        this.dispatching = dispatching;
    }

    @Override
    public void schedule(ProcessingContext context, KeyValueStore<String, OrderFulfilment> store,
            Steps<FulfilmentInput, OrderFulfilment> steps) {
        DispatchDueIndex dueIndex = DispatchDueIndex.of(context);
        context.schedule(dispatching.checkEvery(), PunctuationType.WALL_CLOCK_TIME,
                now -> bookDue(Instant.ofEpochMilli(now), dueIndex, store, steps));
    }

    private void bookDue(Instant now, DispatchDueIndex dueIndex, KeyValueStore<String, OrderFulfilment> store,
            Steps<FulfilmentInput, OrderFulfilment> steps) {
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
            steps.apply(orderId, answer);
        }
    }
}
