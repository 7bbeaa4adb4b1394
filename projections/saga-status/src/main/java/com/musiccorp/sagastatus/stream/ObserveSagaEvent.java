package com.musiccorp.sagastatus.stream;

import com.musiccorp.sagastatus.domain.SagaEvent;
import com.musiccorp.sagastatus.domain.SagaEvents;
import com.musiccorp.sagastatus.domain.SagaInput;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import java.util.Optional;

/**
 * Reads a context's event as a saga event, right before the fold step in the same task (which
 * decides it at Streams' wall clock, so tests can drive it: a saga's progress time). The record's
 * key must be the event's order id, the saga's key: the saga lives in its order's partition.
 */
final class ObserveSagaEvent implements FixedKeyProcessor<String, SpecificRecord, SagaInput> {

    private FixedKeyProcessorContext<String, SagaInput> context;

    @Override
    public void init(FixedKeyProcessorContext<String, SagaInput> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, SpecificRecord> record) {
        Optional<SagaEvent> read = record.value() == null ? Optional.empty() : SagaEvents.from(record.value());
        if (read.isEmpty()) {
            return; // a type its topic carries that is no saga's step
        }
        SagaEvent event = read.get();
        if (!event.orderId().equals(record.key())) {
            // The saga must live in its order id's partition; throwing dead-letters the record.
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the event's order id '"
                    + event.orderId() + "'");
        }
        context.forward(record.withValue(new SagaInput.Observed(event)));
    }
}
