package com.musiccorp.platform.streams.rebuild;

import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import java.time.Instant;
import java.util.Optional;

/**
 * "What did we know at 10:02?": a fold that skips every record with a later timestamp. Records
 * carry their event's time ({@code occurredAt}) as the Kafka timestamp, so this is event time.
 */
public final class AsOf {

    private AsOf() {
    }

    /** {@code events} unchanged when {@code asOf} is empty (the live topology); else only records up to it. */
    public static <K, V> KStream<K, V> upTo(KStream<K, V> events, Optional<Instant> asOf) {
        if (asOf.isEmpty()) {
            return events;
        }
        long until = asOf.get().toEpochMilli();
        return events.processValues(() -> new FixedKeyProcessor<K, V, V>() {
            private FixedKeyProcessorContext<K, V> context;

            @Override
            public void init(FixedKeyProcessorContext<K, V> context) {
                this.context = context;
            }

            @Override
            public void process(FixedKeyRecord<K, V> record) {
                if (record.timestamp() <= until) {
                    context.forward(record);
                }
            }
        }, Named.as("as-of-filter"));
    }
}
