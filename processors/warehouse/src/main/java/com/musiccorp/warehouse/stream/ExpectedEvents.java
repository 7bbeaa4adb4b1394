package com.musiccorp.warehouse.stream;

import com.musiccorp.platform.kafka.TopicCatalog;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.util.List;

/**
 * Lets through only the event types the topic catalog lists for the record's topic
 * ({@link TopicCatalog}: e.g. StockReceived and StockAdjusted on warehouse.stock). Anything else, a
 * well-formed OrderPlaced written to warehouse.stock by an outside producer or a record without a
 * value, throws, so the processing exception handler dead-letters it to {@code warehouse.dlq} with
 * the reason and processing goes on. A listed type the warehouse has no concern with (OrderCompleted
 * on orders.events) passes and is ignored downstream, as it should be.
 *
 * <p>The live event serde (platform {@code EventSerdes}) refuses most such records already when
 * reading them; this step is what holds for any serde (a TopologyTestDriver's, a rebuild's) and
 * for a record without a value, so the rule is the topology's own.
 */
final class ExpectedEvents implements FixedKeyProcessor<String, SpecificRecord, SpecificRecord> {

    private FixedKeyProcessorContext<String, SpecificRecord> context;

    @Override
    public void init(FixedKeyProcessorContext<String, SpecificRecord> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, SpecificRecord> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic)
                .orElseThrow(() -> new IllegalStateException("no source topic for a record of an input topic"));
        List<String> expected = TopicCatalog.get(topic).valueSubjects();
        if (record.value() == null) {
            throw new UnexpectedEvent(topic + " carries " + names(expected) + ", not a record without a value");
        }
        String type = record.value().getSchema().getFullName();
        if (!expected.contains(type)) {
            throw new UnexpectedEvent(topic + " carries " + names(expected) + ", not "
                    + record.value().getSchema().getName());
        }
        context.forward(record);
    }

    private static String names(List<String> subjects) {
        return String.join(", ", subjects.stream().map(s -> s.substring(s.lastIndexOf('.') + 1)).toList());
    }

    /** An event of a type its topic does not carry. */
    static final class UnexpectedEvent extends RuntimeException {
        UnexpectedEvent(String message) {
            super(message, null, false, false);
        }
    }
}
