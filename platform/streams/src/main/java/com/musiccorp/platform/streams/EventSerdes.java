package com.musiccorp.platform.streams;

import com.musiccorp.platform.avro.AvroSerde;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Avro serdes for events in the Confluent wire format. A context's topic carries several event
 * types, so topic values are read as {@link SpecificRecord} (the generated class named by the
 * writer schema) and subjects follow the record-name strategy.
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
        return serde;
    }
}
