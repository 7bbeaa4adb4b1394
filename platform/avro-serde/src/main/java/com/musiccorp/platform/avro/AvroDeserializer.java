package com.musiccorp.platform.avro;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads Confluent wire format: fetches the writer schema by the id in the header (cached) and
 * resolves it against the reader schema, so a record written with an older or newer compatible
 * schema reads into the current shape (tolerant reader). The reader schema is, in order: the class
 * or schema given to the constructor, {@code avro.reader.schema}, the generated class named like
 * the writer schema when {@code specific.avro.reader=true}, else the writer schema itself
 * (GenericRecord). Null bytes (a tombstone) read as null.
 */
public class AvroDeserializer<T> implements Deserializer<T> {
    private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

    private final Schema fixedReaderSchema;
    private SchemaRegistryClient registry;
    private boolean ownsRegistry;
    private boolean specific;
    private Schema readerSchema;
    /** Writer schema id -> datum reader (the reader schema is fixed per id for this deserializer). */
    private BoundedCache<Integer, GenericDatumReader<Object>> readers;
    private final Function<Integer, GenericDatumReader<Object>> readerLoader = this::readerFor;

    /** For Kafka's reflective construction; {@link #configure} creates the registry client. */
    public AvroDeserializer() {
        this(null, (Schema) null);
    }

    /** Reads every record into this generated class (or GenericRecord of its schema, for a GenericRecord type). */
    public AvroDeserializer(Class<T> type) {
        this(null, type);
    }

    /** Uses the given client (shared, or wrapped for tests); {@link #close} leaves it open. */
    public AvroDeserializer(SchemaRegistryClient registry) {
        this(registry, (Schema) null);
    }

    public AvroDeserializer(SchemaRegistryClient registry, Class<T> type) {
        this(registry, SpecificRecord.class.isAssignableFrom(type) ? SpecificData.get().getSchema(type) : null);
        this.specific = SpecificRecord.class.isAssignableFrom(type);
    }

    /** Reads every record as a GenericRecord of this reader schema. */
    public AvroDeserializer(SchemaRegistryClient registry, Schema readerSchema) {
        this.registry = registry;
        this.fixedReaderSchema = readerSchema;
    }

    public AvroDeserializer(SchemaRegistryClient registry, Map<String, ?> configs, boolean isKey) {
        this(registry);
        configure(configs, isKey);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = AvroSerdeConfig.parse(configs);
        this.readerSchema = fixedReaderSchema != null ? fixedReaderSchema : config.readerSchema();
        this.specific = specific || (fixedReaderSchema == null && config.readerSchema() == null && config.specificAvroReader());
        this.readers = new BoundedCache<>(config.registry().cacheCapacity());
        if (registry == null) {
            registry = new HttpSchemaRegistryClient(config.registry());
            ownsRegistry = true;
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : decode(topic, data, 0, data.length);
    }

    @Override
    public T deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) return null;
        if (data.hasArray()) return decode(topic, data.array(), data.arrayOffset() + data.position(), data.remaining());
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return decode(topic, copy, 0, copy.length);
    }

    @SuppressWarnings("unchecked")
    private T decode(String topic, byte[] bytes, int offset, int length) {
        if (readers == null) throw new IllegalStateException("AvroDeserializer used before configure()");
        int schemaId = WireFormat.schemaIdOf(bytes, offset, length, topic);
        GenericDatumReader<Object> reader = readers.getOrLoad(schemaId, readerLoader);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, offset + WireFormat.HEADER_SIZE,
                length - WireFormat.HEADER_SIZE, DECODER.get());
        DECODER.set(decoder);
        Object value;
        boolean trailing;
        try {
            value = reader.read(null, decoder);
            trailing = !decoder.isEnd();
        } catch (IOException | RuntimeException e) {
            throw undecodable(topic, schemaId, reader.getSchema(), bytes, offset, length, e.toString(), e);
        }
        if (trailing) {
            throw undecodable(topic, schemaId, reader.getSchema(), bytes, offset, length, "bytes left over after the record", null);
        }
        return (T) value;
    }

    private static WireFormatException undecodable(String topic, int schemaId, Schema writer, byte[] bytes, int offset,
                                                   int length, String problem, Throwable cause) {
        return new WireFormatException("Record on topic '" + topic + "' (" + length + " bytes: "
                + WireFormat.preview(bytes, offset, length) + ") does not decode with its writer schema id " + schemaId
                + " (" + writer.getFullName() + "): " + problem
                + ". The body is corrupt or was not written with the schema its header names.", cause);
    }

    /** Builds the resolving reader (whose getSchema() is the writer schema) for one writer schema id; runs once per id. */
    private GenericDatumReader<Object> readerFor(int schemaId) {
        Schema writer = fetchWriterSchema(schemaId);
        Schema reader = readerSchemaFor(writer);
        var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("Reader schema " + reader.getFullName() + " cannot read records written with "
                    + "schema id " + schemaId + " (" + writer.getFullName() + "): "
                    + compatibility.getResult().getIncompatibilities());
        }
        // SpecificDatumReader takes the generated class's model, so its logical types convert too.
        return specific ? new SpecificDatumReader<>(writer, reader) : new GenericDatumReader<>(writer, reader, GenericData.get());
    }

    private Schema fetchWriterSchema(int schemaId) {
        try {
            return registry.getById(schemaId);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new SchemaNotFoundException("Unknown schema id " + schemaId + ": the schema registry at " + e.url()
                        + " has no schema with that id (HTTP " + e.status() + ", error_code " + e.errorCode() + ": "
                        + e.registryMessage() + "). Was the record written against a different registry?", e);
            }
            // Not the record's fault: the reader retries it once the registry answers again.
            throw new SchemaRegistryUnavailableException("Could not fetch writer schema id " + schemaId + ": "
                    + e.getMessage(), e);
        }
    }

    private Schema readerSchemaFor(Schema writer) {
        if (readerSchema != null) return readerSchema;
        if (!specific) return writer;
        Class<?> generated = SpecificData.get().getClass(writer);
        if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
            throw new SerializationException(AvroSerdeConfig.SPECIFIC_AVRO_READER + "=true but no generated class "
                    + writer.getFullName() + " is on the classpath to read it into");
        }
        return SpecificData.get().getSchema(generated);
    }

    @Override
    public void close() {
        if (ownsRegistry) registry.close();
    }
}
