package com.musiccorp.platform.streams;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An {@link AckedPublisher} of events, by a type without type arguments: Micronaut cannot match a
 * singleton registered at runtime to an injection point of {@code AckedPublisher<SpecificRecord>}.
 */
public final class EventPublisher implements AutoCloseable {

    private final AckedPublisher<SpecificRecord> publisher;

    public EventPublisher(String bootstrapServers, String clientId, Serializer<SpecificRecord> events) {
        this.publisher = new AckedPublisher<>(bootstrapServers, clientId, events);
    }

    /** @param connection bootstrap servers and, on a secured cluster, the context's login ({@link ContextSettings#kafkaConnection}) */
    public EventPublisher(java.util.Map<String, Object> connection, String clientId, Serializer<SpecificRecord> events) {
        this.publisher = new AckedPublisher<>(connection, clientId, events);
    }

    /**
     * Writes the event keyed by {@code key}, stamped with its own time and the saga's headers, and
     * says where it was written.
     *
     * @throws AckedPublisher.PublishFailed when the broker did not acknowledge it in time
     */
    public RecordMetadata publish(String topic, String key, SpecificRecord event) {
        return publisher.publish(AckedPublisher.eventRecord(topic, key, event));
    }

    @Override
    public void close() {
        publisher.close();
    }
}
