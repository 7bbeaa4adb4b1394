package com.musiccorp.sagastatus.stream;

import com.musiccorp.sagastatus.domain.SagaEvent;
import com.musiccorp.sagastatus.domain.SagaInput;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import java.time.Instant;

/**
 * Stamps each event with the wall-clock time the projection folds it (Streams' own, so tests can
 * drive it), right before the fold step in the same task. The step's {@code Inputs} see a record's
 * value only, and a saga's progress time is this wall clock, not the record's event time.
 */
final class ObserveSagaEvent implements FixedKeyProcessor<String, SagaEvent, SagaInput> {

    private FixedKeyProcessorContext<String, SagaInput> context;

    @Override
    public void init(FixedKeyProcessorContext<String, SagaInput> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, SagaEvent> record) {
        if (record.value() == null) {
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        context.forward(record.withValue(new SagaInput.Observed(record.value(), now)));
    }
}
