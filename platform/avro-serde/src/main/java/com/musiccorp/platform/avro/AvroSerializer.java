package com.musiccorp.platform.avro;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.util.Map;

/**
 * Serializes SpecificRecord and GenericRecord values into Confluent's wire format, registering or
 * looking up the schema id in the registry once per (topic, schema) and caching the answer.
 * Configure with Confluent's keys (see {@link AvroSerdeConfig}); a null value serializes to null
 * (a tombstone).
 */
public class AvroSerializer<T> implements Serializer<T> {
    private SchemaRegistryClient registry;
    private boolean ownsRegistry;
    private AvroSerdeConfig config;
    private boolean isKey;
    /** topic -> record schema -> how to write it. Two levels so the hot path builds no composite key. */
    private BoundedCache<String, BoundedCache<Schema, WritePlan>> plans;

    /** For Kafka's reflective construction; {@link #configure} creates the registry client. */
    public AvroSerializer() {
    }

    /** Uses the given client (shared, or wrapped for tests); {@link #close} leaves it open. */
    public AvroSerializer(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    public AvroSerializer(SchemaRegistryClient registry, Map<String, ?> configs, boolean isKey) {
        this(registry);
        configure(configs, isKey);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.parse(configs);
        this.isKey = isKey;
        this.plans = new BoundedCache<>(config.registry().cacheCapacity());
        if (registry == null) {
            registry = new HttpSchemaRegistryClient(config.registry());
            ownsRegistry = true;
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) return null;
        if (config == null) throw new IllegalStateException("AvroSerializer used before configure()");
        if (!(data instanceof GenericContainer record)) {
            throw new SerializationException("AvroSerializer writes Avro records (SpecificRecord or GenericRecord), not "
                    + data.getClass().getName());
        }
        Schema schema = record.getSchema();
        BoundedCache<Schema, WritePlan> topicPlans = plansFor(topic);
        WritePlan plan = topicPlans.get(schema);
        if (plan == null || plan.isExpired()) {
            plan = plan(topic, schema);
            topicPlans.put(schema, plan);
        }
        try {
            return plan.write(data);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not write " + schema.getFullName() + " to topic '" + topic
                    + "' as schema id " + plan.schemaId() + ": " + e.getMessage(), e);
        }
    }

    private BoundedCache<Schema, WritePlan> plansFor(String topic) {
        BoundedCache<Schema, WritePlan> topicPlans = plans.get(topic);
        if (topicPlans == null) { // a racing thread may replace it; that only costs a repeated lookup
            topicPlans = new BoundedCache<>(config.registry().cacheCapacity());
            plans.put(topic, topicPlans);
        }
        return topicPlans;
    }

    /** Works out the schema id and writer for records of this schema on this topic; asks the registry. */
    private WritePlan plan(String topic, Schema schema) {
        String subject = config.subjectNameStrategy(isKey).subject(topic, isKey, schema);
        try {
            if (config.autoRegisterSchemas()) {
                return WritePlan.direct(registry.register(subject, schema), schema);
            }
            if (config.useLatestVersion()) {
                return latestPlan(subject, schema);
            }
            return WritePlan.direct(registry.lookupId(subject, schema), schema);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound() && !config.autoRegisterSchemas()) {
                throw new SchemaNotFoundException("Schema " + schema.getFullName() + " is not registered under subject '"
                        + subject + "' (" + e.url() + " answered " + e.status() + ", error_code " + e.errorCode() + ": "
                        + e.registryMessage() + "), and " + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS + "=false: register "
                        + (config.useLatestVersion() ? "a version of the subject" : "this schema") + " first", e);
            }
            throw new SerializationException("Could not get a schema id for " + schema.getFullName() + " under subject '"
                    + subject + "': " + e.getMessage(), e);
        }
    }

    /**
     * use.latest.version: write with the subject's latest schema and id. When the record's own schema
     * differs, the record is converted by Avro schema resolution (latest as reader), which matches
     * fields by name; writing it directly would match fields by position and silently scramble them.
     */
    private WritePlan latestPlan(String subject, Schema schema) {
        RegisteredSchema latest = registry.latest(subject);
        long expiresAt = config.latestCacheTtl() == null ? Long.MAX_VALUE : System.nanoTime() + config.latestCacheTtl().toNanos();
        if (latest.schema().equals(schema)) {
            return new WritePlan(latest.id(), schema, null, expiresAt);
        }
        var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(latest.schema(), schema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("use.latest.version: the latest schema of subject '" + subject + "' (id "
                    + latest.id() + ", version " + latest.version() + ") cannot represent records of " + schema.getFullName()
                    + " as given: " + compatibility.getResult().getIncompatibilities());
        }
        return new WritePlan(latest.id(), schema, latest.schema(), expiresAt);
    }

    @Override
    public void close() {
        if (ownsRegistry) registry.close();
    }

    /**
     * How to write records of one schema to one topic; datum writers are thread-safe and reused.
     * Both a specific and a generic writer exist because the same schema may arrive as a generated
     * class (logical types as Instant, UUID, ...) or as a GenericRecord (plain long, string).
     * {@code latestWriter}/{@code converter} are set only when the written shape (latest) differs.
     */
    private record WritePlan(int schemaId, DatumWriter<Object> specificWriter, DatumWriter<Object> genericWriter,
                             DatumWriter<Object> latestWriter, DatumReader<Object> converter, long expiresAtNanos) {

        WritePlan(int schemaId, Schema own, Schema latest, long expiresAtNanos) {
            this(schemaId, new SpecificDatumWriter<>(own), new GenericDatumWriter<>(own, GenericData.get()),
                    latest == null ? null : new GenericDatumWriter<>(latest, GenericData.get()),
                    latest == null ? null : new GenericDatumReader<>(own, latest, GenericData.get()), expiresAtNanos);
        }

        static WritePlan direct(int schemaId, Schema schema) {
            return new WritePlan(schemaId, schema, null, Long.MAX_VALUE);
        }

        boolean isExpired() {
            return expiresAtNanos != Long.MAX_VALUE && System.nanoTime() - expiresAtNanos > 0;
        }

        byte[] write(Object datum) throws IOException {
            DatumWriter<Object> own = datum instanceof SpecificRecord ? specificWriter : genericWriter;
            if (converter == null) return EncodeBuffer.framed(schemaId, own, datum);
            byte[] ownBytes = EncodeBuffer.plain(own, datum);
            Object converted = converter.read(null, DecoderFactory.get().binaryDecoder(ownBytes, null));
            return EncodeBuffer.framed(schemaId, latestWriter, converted);
        }
    }
}
