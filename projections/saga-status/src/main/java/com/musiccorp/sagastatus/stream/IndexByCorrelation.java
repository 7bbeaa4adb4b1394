package com.musiccorp.sagastatus.stream;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The correlation-id side: remembers which order a saga is ({@code correlation-index-store}, in the
 * correlation id's partition, so a query by correlation id knows where to look). It is told once per
 * saga, when the fold folded its first event ({@code SagaFact.Begun}), and tells requests waiting for
 * that correlation id ({@link SagaUpdates#subscribeIndexed}).
 */
final class IndexByCorrelation implements Processor<String, String, Void, Void> {

    private final SagaUpdates updates;
    private KeyValueStore<String, String> correlationIndex;

    IndexByCorrelation(SagaUpdates updates) {
        this.updates = updates;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.correlationIndex = context.getStateStore(SagaStatusTopology.CORRELATION_INDEX_STORE);
    }

    @Override
    public void process(Record<String, String> record) {
        if (record.key() != null && record.value() != null && !record.value().equals(correlationIndex.get(record.key()))) {
            correlationIndex.put(record.key(), record.value());
            updates.indexed(record.key(), record.value());
        }
    }
}
