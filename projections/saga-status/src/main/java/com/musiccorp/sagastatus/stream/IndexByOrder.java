package com.musiccorp.sagastatus.stream;

import com.musiccorp.sagastatus.domain.SagaEvent;
import com.musiccorp.sagastatus.domain.SagaEvents;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.Optional;

/**
 * The order-id side: remembers which saga an order belongs to ({@code order-index-store}, in the
 * order id's partition, so a lookup by order id knows where to look) and re-keys the event by its
 * correlation id for the repartition topic.
 */
final class IndexByOrder implements Processor<String, SpecificRecord, String, SagaEvent> {

    private ProcessorContext<String, SagaEvent> context;
    private KeyValueStore<String, String> orderIndex;

    @Override
    public void init(ProcessorContext<String, SagaEvent> context) {
        this.context = context;
        this.orderIndex = context.getStateStore(SagaStatusTopology.ORDER_INDEX_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        Optional<SagaEvent> read = record.value() == null ? Optional.empty() : SagaEvents.from(record.value());
        if (read.isEmpty()) {
            return;
        }
        SagaEvent event = read.get();
        if (!event.orderId().equals(record.key())) {
            // The index must live in the order id's partition; throwing dead-letters the record.
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the event's order id '"
                    + event.orderId() + "'");
        }
        if (!event.correlationId().equals(orderIndex.get(event.orderId()))) {
            orderIndex.put(event.orderId(), event.correlationId());
        }
        context.forward(record.withKey(event.correlationId()).withValue(event));
    }
}
