package com.musiccorp.platform.streams;

import com.musiccorp.platform.avro.AvroSerde;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.schemas.ContractLimits;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Avro serdes for events in the Confluent wire format. A context's topic carries several event
 * types, so topic values are read as {@link SpecificRecord} (the generated class named by the
 * writer schema) and subjects follow the record-name strategy. Values are checked against
 * {@link RecordSizeLimit} as they are written.
 */
public final class EventSerdes {
    private EventSerdes() {
    }

    /** Any event type: for topics that carry several. */
    public static Serde<SpecificRecord> anyEvent(Properties streamsProperties) {
        return configured(new AvroSerde<>(), streamsProperties);
    }

    /** One generated type: for stores and topics that hold only that type. */
    public static <T extends SpecificRecord> Serde<T> of(Class<T> type, Properties streamsProperties) {
        return configured(new AvroSerde<>(type), streamsProperties);
    }

    private static <T> Serde<T> configured(Serde<T> serde, Properties streamsProperties) {
        Map<String, Object> config = new HashMap<>();
        streamsProperties.forEach((k, v) -> config.put(String.valueOf(k), v));
        config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        serde.configure(config, false);
        return new ContractChecked<>(serde);
    }

    /**
     * The Avro serde, held to the contract: a value it writes must be within {@link RecordSizeLimit},
     * and an event it reads must be within {@link ContractLimits#MAX_EVENT_BYTES} and, from a
     * catalogued topic, of a type that topic carries. An
     * {@code OrderPlaced} written to {@code warehouse.stock} is well-formed Avro, yet no consumer of
     * that topic can act on it: failing to read it sends it to the reading context's dead-letter
     * topic with the reason, instead of each processor silently ignoring a type it does not know.
     */
    private record ContractChecked<T>(Serde<T> avro) implements Serde<T> {
        @Override
        public Serializer<T> serializer() {
            Serializer<T> serializer = avro.serializer();
            return (topic, value) -> RecordSizeLimit.checked(topic, serializer.serialize(topic, value));
        }

        @Override
        public Deserializer<T> deserializer() {
            Deserializer<T> deserializer = avro.deserializer();
            return (topic, bytes) -> {
                if (bytes != null && bytes.length > ContractLimits.MAX_EVENT_BYTES) {
                    throw new SerializationException("an event of " + bytes.length + " bytes on " + topic
                            + " is over the contract's limit of " + ContractLimits.MAX_EVENT_BYTES + " bytes");
                }
                return requireCarriedBy(topic, deserializer.deserialize(topic, bytes));
            };
        }

        @Override
        public void close() {
            avro.close();
        }
    }

    private static <T> T requireCarriedBy(String topic, T value) {
        if (value instanceof GenericContainer event) {
            String type = event.getSchema().getFullName();
            TopicCatalog.find(topic)
                    .filter(spec -> !spec.valueSubjects().isEmpty() && !spec.valueSubjects().contains(type))
                    .ifPresent(spec -> {
                        throw new SerializationException(type + " is not an event of " + topic
                                + ", which carries only " + spec.valueSubjects());
                    });
        }
        return value;
    }
}
