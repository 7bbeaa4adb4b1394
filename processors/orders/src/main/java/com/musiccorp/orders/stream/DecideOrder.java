package com.musiccorp.orders.stream;

import com.musiccorp.events.EventRejected;
import com.musiccorp.orders.domain.CancelOrder;
import com.musiccorp.orders.domain.OrderCommandRefused;
import com.musiccorp.orders.domain.OrderInput;
import com.musiccorp.orders.domain.Order;
import com.musiccorp.orders.domain.OrderDecider;
import com.musiccorp.platform.streams.EventHeaders;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.List;

/**
 * One live step of an order's saga: the order's state from the store, {@code OrderDecider.step}
 * with the event read, the new state back into the store, and each emitted event forwarded to
 * {@code orders.events}.
 *
 * <p>Emitted events carry their own event time (metadata {@code occurredAt}) as the record
 * timestamp, never the wall clock, so a reprocessing writes the same records; and the saga's
 * identity as headers. A duplicate or an event that changes nothing writes nothing at all.
 *
 * <p>A command ({@code orders.commands}) is decided here too, so one writer per order decides
 * commands and events in the order they arrive. A command the live state refuses (checked at the
 * HTTP API, but something may have got there first) is recorded as {@code EventRejected}, folded
 * into the state at once so a repeat is answered from it; a command already decided changes nothing; one for
 * an order never placed cannot be answered to anyone and goes to the dead-letter topic.
 *
 * <p>The store is restored from its changelog without passing through here, so a restore never
 * emits. Replaying the input topics onto an empty store can re-emit a decision; it is then
 * byte-identical to the first (same event id), and every consumer drops it as a duplicate.
 */
final class DecideOrder implements FixedKeyProcessor<String, OrderInput, SpecificRecord> {

    private FixedKeyProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, Order> orders;

    @Override
    public void init(FixedKeyProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.orders = context.getStateStore(OrdersTopology.ORDERS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, OrderInput> record) {
        OrderInput input = record.value();
        String orderId = input.orderId();
        if (!orderId.equals(record.key())) {
            // The order's state lives in the partition of its id; a record keyed otherwise was
            // written to the wrong partition. Throwing sends it to the dead-letter topic.
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the input's order id '"
                    + orderId + "'");
        }
        Order state = orders.get(orderId);
        if (state == null) {
            state = OrderDecider.initialState();
        }
        List<SpecificRecord> emitted;
        try {
            OrderDecider.Step step = OrderDecider.step(state, input);
            if (!step.state().equals(state)) {
                orders.put(orderId, step.state());
            }
            emitted = step.emitted();
        } catch (OrderCommandRefused refused) {
            if (refused.kind() == OrderCommandRefused.Kind.NOT_FOUND || !(input instanceof CancelOrder cancel)) {
                throw refused;
            }
            EventRejected rejection = OrderDecider.cancelRejected(cancel, state, refused.getMessage());
            // Folded now, not when read back: a repeat of the command is answered from the state at once.
            Order next = OrderDecider.evolve(state, rejection);
            if (!next.equals(state)) {
                orders.put(orderId, next);
            }
            emitted = List.of(rejection);
        }
        for (SpecificRecord event : emitted) {
            context.forward(record
                    .withValue(event)
                    .withTimestamp(EventHeaders.metadataOf(event).getOccurredAt().toEpochMilli())
                    .withHeaders(EventHeaders.of(event)));
        }
    }
}
