package com.musiccorp.platform.avro;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/**
 * {@link AvroSerializer} and {@link AvroDeserializer} as one Kafka Streams serde. When it creates
 * the registry client itself (no client given), both halves share that one client and its caches.
 */
public class AvroSerde<T> implements Serde<T> {
    private final SchemaRegistryClient givenRegistry;
    private final Class<T> type;
    private AvroSerializer<T> serializer;
    private AvroDeserializer<T> deserializer;
    private SchemaRegistryClient ownRegistry;

    /** For Kafka's reflective construction (e.g. {@code default.value.serde}); reads GenericRecord or, with specific.avro.reader, generated classes. */
    public AvroSerde() {
        this(null, null);
    }

    /** Reads every record into this generated class. */
    public AvroSerde(Class<T> type) {
        this(null, type);
    }

    public AvroSerde(SchemaRegistryClient registry) {
        this(registry, null);
    }

    public AvroSerde(SchemaRegistryClient registry, Class<T> type) {
        this.givenRegistry = registry;
        this.type = type;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SchemaRegistryClient registry = givenRegistry;
        if (registry == null) {
            ownRegistry = new HttpSchemaRegistryClient(AvroSerdeConfig.parse(configs).registry());
            registry = ownRegistry;
        }
        serializer = new AvroSerializer<>(registry, configs, isKey);
        deserializer = type == null ? new AvroDeserializer<>(registry) : new AvroDeserializer<>(registry, type);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return checked(serializer);
    }

    @Override
    public Deserializer<T> deserializer() {
        return checked(deserializer);
    }

    private <S> S checked(S half) {
        if (half == null) throw new IllegalStateException("AvroSerde used before configure()");
        return half;
    }

    @Override
    public void close() {
        if (ownRegistry != null) ownRegistry.close();
    }
}
