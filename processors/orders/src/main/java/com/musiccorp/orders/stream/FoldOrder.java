package com.musiccorp.orders.stream;

import com.musiccorp.orders.domain.Order;
import com.musiccorp.orders.domain.OrderDecider;
import com.musiccorp.orders.domain.ObservedEvent;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A rebuild's step: the order's state from the store, {@link OrderDecider#replay} with the event,
 * the new state back. It forwards nothing, and the rebuild topology has no sink, so a replay never
 * writes an event.
 */
final class FoldOrder implements FixedKeyProcessor<String, SpecificRecord, Void> {

    private KeyValueStore<String, Order> orders;

    @Override
    public void init(FixedKeyProcessorContext<String, Void> context) {
        this.orders = context.getStateStore(OrdersTopology.ORDERS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, SpecificRecord> record) {
        String orderId = new ObservedEvent(record.value()).orderId();
        if (!orderId.equals(record.key())) {
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the event's order id '"
                    + orderId + "'"); // dead-lettered, as on the live path
        }
        Order state = orders.get(orderId);
        Order before = state == null ? OrderDecider.initialState() : state;
        Order after = OrderDecider.replay(before, record.value());
        if (!after.equals(before)) {
            orders.put(orderId, after);
        }
    }
}
