package com.musiccorp.platform.streams;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.musiccorp.events.EventMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/**
 * A context's private state in JSON's data model: store values and internal (repartition) records
 * that are plain Java records, so their changelogs need no registered schema. Public events stay Avro.
 *
 * <p>Written as Smile, JSON's binary form: the same fields and types, but names repeated within a
 * value are written once and numbers are not text, so reading and writing state (over half of a
 * stream thread's time as JSON text) costs a fraction. Values written as JSON text by earlier
 * versions are still read: a Smile value starts with its header {@code :)\n}, a JSON one never does.
 *
 * <p>An {@link Instant} is written in Smile as a number, its epoch milliseconds, when it has no finer
 * part (all of ours: event times and Streams' wall clock are milliseconds), else as ISO-8601 text.
 * Parsing ISO-8601 text was over half the time of reading a saga (JFR, the saga-status rebuild).
 * Instants written as text by earlier versions are still read; an earlier version would read the
 * numbers as seconds, so going back to one needs its stores rebuilt.
 *
 * <p>{@link EventMetadata} (an Avro class) is written as its six plain fields, because internal
 * records carry the metadata of the event that caused them. A change to a stored record's shape
 * is a change to this format: add fields as optional, or rebuild the store from the event topics.
 */
public final class JsonSerde<T> implements Serde<T> {
    private static final ObjectMapper JSON = configured(JsonMapper.builder()).build();
    private static final ObjectMapper SMILE = configured(SmileMapper.builder(SmileFactory.builder()
            .enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES) // type names, SKUs, ids repeated in a value
            // Map keys are names too (order ids, in a SKU's holds): a process-wide symbol table of
            // every order id ever read, each interned, cost more than a fresh string per name.
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build()))
            .addModule(new SimpleModule("instants-as-epoch-millis") // after the java.time module: it wins
                    .addSerializer(Instant.class, new InstantWriter())
                    .addDeserializer(Instant.class, new InstantReader()))
            .build();

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configured(B builder) {
        return builder
                .addModule(new JavaTimeModule())
                .addModule(new BlackbirdModule()) // generated accessors instead of reflection
                .addModule(new SimpleModule("event-metadata")
                        .addSerializer(EventMetadata.class, new MetadataWriter())
                        .addDeserializer(EventMetadata.class, new MetadataReader()))
                // Derived accessors (isPlaced() and the like) are not state.
                .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
                // ISO-8601 keeps an Instant's nanoseconds and reads well in a changelog dump.
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    private final Class<T> type;
    private final ObjectMapper writer;

    /** State and internal records: written as Smile. */
    public JsonSerde(Class<T> type) {
        this(type, SMILE);
    }

    private JsonSerde(Class<T> type, ObjectMapper writer) {
        this.type = type;
        this.writer = writer;
    }

    /**
     * Records of a topic that people and other tools write or read (a context's command topic):
     * written as JSON text, read in either form.
     */
    public static <T> JsonSerde<T> asText(Class<T> type) {
        return new JsonSerde<>(type, JSON);
    }

    /**
     * The configuration as a JSON text mapper (digests, dumps). Teach the serde a type with
     * {@link #addMixIn} and {@link #registerModule}, which reach every form.
     */
    public static ObjectMapper mapper() {
        return JSON;
    }

    /** Mix-in annotations for a context's own types (e.g. the type ids of a sealed interface). */
    public static synchronized void addMixIn(Class<?> target, Class<?> mixIn) {
        JSON.addMixIn(target, mixIn);
        SMILE.addMixIn(target, mixIn);
    }

    /** A module of a context's own serializers; register it before the first value is read or written. */
    public static synchronized void registerModule(Module module) {
        JSON.registerModule(module);
        SMILE.registerModule(module);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) return null;
            try {
                return RecordSizeLimit.checked(topic, writer.writeValueAsBytes(value));
            } catch (IOException e) {
                throw new SerializationException("cannot write " + type.getSimpleName() + " as " + (writer == SMILE ? "Smile" : "JSON"), e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) return null;
            try {
                return (isSmile(bytes) ? SMILE : JSON).readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " from JSON or Smile", e);
            }
        };
    }

    /** Any value this serde wrote, in either form, as a tree (for tools that show state records). */
    public static JsonNode readTree(byte[] bytes) throws IOException {
        return (isSmile(bytes) ? SMILE : JSON).readTree(bytes);
    }

    private static boolean isSmile(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == ':' && bytes[1] == ')' && bytes[2] == '\n';
    }

    private static final class InstantWriter extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant at, JsonGenerator out, SerializerProvider provider) throws IOException {
            if (at.getNano() % 1_000_000 == 0) {
                out.writeNumber(at.toEpochMilli());
            } else {
                out.writeString(at.toString());
            }
        }
    }

    private static final class InstantReader extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser in, DeserializationContext context) throws IOException {
            return switch (in.currentToken()) {
                case VALUE_NUMBER_INT -> Instant.ofEpochMilli(in.getLongValue());
                case VALUE_STRING -> Instant.parse(in.getText());
                default -> (Instant) context.handleUnexpectedToken(Instant.class, in);
            };
        }
    }

    private static final class MetadataWriter extends JsonSerializer<EventMetadata> {
        @Override
        public void serialize(EventMetadata m, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartObject();
            out.writeStringField("eventId", m.getEventId().toString());
            out.writeStringField("correlationId", m.getCorrelationId());
            out.writeStringField("causationId", m.getCausationId());
            out.writeStringField("occurredAt", m.getOccurredAt().toString());
            out.writeStringField("producer", m.getProducer());
            out.writeNumberField("schemaVersion", m.getSchemaVersion());
            out.writeEndObject();
        }
    }

    private static final class MetadataReader extends JsonDeserializer<EventMetadata> {
        @Override
        public EventMetadata deserialize(JsonParser in, DeserializationContext context) throws IOException {
            JsonNode n = in.readValueAsTree();
            return EventMetadata.newBuilder()
                    .setEventId(UUID.fromString(n.get("eventId").asText()))
                    .setCorrelationId(n.get("correlationId").asText())
                    .setCausationId(n.hasNonNull("causationId") ? n.get("causationId").asText() : null)
                    .setOccurredAt(Instant.parse(n.get("occurredAt").asText()))
                    .setProducer(n.get("producer").asText())
                    .setSchemaVersion(n.get("schemaVersion").asInt())
                    .build();
        }
    }
}
