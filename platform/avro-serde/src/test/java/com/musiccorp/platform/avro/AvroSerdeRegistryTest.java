package com.musiccorp.platform.avro;

import com.musiccorp.platform.avro.testevents.OrderPlaced;
import com.musiccorp.platform.avro.testevents.TrackPurchased;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.musiccorp.platform.avro.AvroSerdeConfig.AUTO_REGISTER_SCHEMAS;
import static com.musiccorp.platform.avro.AvroSerdeConfig.AVRO_READER_SCHEMA;
import static com.musiccorp.platform.avro.AvroSerdeConfig.SPECIFIC_AVRO_READER;
import static com.musiccorp.platform.avro.AvroSerdeConfig.USE_LATEST_VERSION;
import static com.musiccorp.platform.avro.AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY;
import static com.musiccorp.platform.avro.TestEvents.TRACK_PURCHASED_V1;
import static com.musiccorp.platform.avro.TestEvents.TRACK_PURCHASED_V2;
import static com.musiccorp.platform.avro.TestEvents.purchase;
import static com.musiccorp.platform.avro.TestEvents.purchaseV1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The serdes against the project's real registry on a real broker. */
class AvroSerdeRegistryTest {
    @RegisterExtension @Order(1)
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension(false); // the registry creates its own topic
    @RegisterExtension @Order(2)
    static final SchemaRegistryExtension registry = new SchemaRegistryExtension(kafka);

    private static final AtomicInteger topics = new AtomicInteger();
    private static final String TOPIC_NAMING = "io.confluent.kafka.serializers.subject.TopicNameStrategy";

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private HttpSchemaRegistryClient client;
    private String topic;

    @BeforeEach
    void setUp() {
        client = closing(new HttpSchemaRegistryClient(registry.url()));
        topic = "serde-test-" + topics.incrementAndGet(); // a fresh topic, so topic-named subjects are fresh too
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) c.close();
    }

    @Test
    void genericRecordRoundTrip() {
        GenericRecord record = purchaseV1(1);
        byte[] bytes = serializer(VALUE_SUBJECT_NAME_STRATEGY, TOPIC_NAMING).serialize(topic, record);

        assertThat(WireFormat.isWireFormat(bytes)).isTrue();
        int id = WireFormat.schemaIdOf(bytes);
        assertThat(client.latest(topic + "-value").id()).isEqualTo(id);
        assertThat(client.getById(id)).isEqualTo(TRACK_PURCHASED_V1);

        Object back = deserializer().deserialize(topic, bytes);
        assertThat(back).isInstanceOf(GenericRecord.class).isEqualTo(record);
    }

    @Test
    void specificRecordRoundTripWithLogicalTypes() {
        TrackPurchased event = purchase(2, "app");
        byte[] bytes = serializer().serialize(topic, event);

        assertThat(deserializer(SPECIFIC_AVRO_READER, true).deserialize(topic, bytes))
                .isInstanceOf(TrackPurchased.class).isEqualTo(event);
        AvroDeserializer<TrackPurchased> typed = closing(new AvroDeserializer<>(client, TrackPurchased.class));
        typed.configure(config(), false);
        assertThat(typed.deserialize(topic, bytes)).isEqualTo(event);
        // Kafka may hand over a slice of a larger buffer: only position..limit is the record.
        byte[] padded = new byte[bytes.length + 7];
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        assertThat(typed.deserialize(topic, new RecordHeaders(), ByteBuffer.wrap(padded, 3, bytes.length))).isEqualTo(event);
    }

    @Test
    void aGenericRecordOfAGeneratedSchemaWritesTheSameBytesAsTheGeneratedClass() {
        AvroSerializer<Object> serializer = serializer();
        TrackPurchased event = purchase(16, "app");
        byte[] specificBytes = serializer.serialize(topic, event);

        GenericRecord generic = new GenericData.Record(TRACK_PURCHASED_V2); // logical types as plain values
        generic.put("purchaseId", event.getPurchaseId().toString());
        generic.put("trackId", event.getTrackId());
        generic.put("priceCents", event.getPriceCents());
        generic.put("purchasedAt", event.getPurchasedAt().toEpochMilli());
        generic.put("channel", event.getChannel());

        assertThat(serializer.serialize(topic, generic)).isEqualTo(specificBytes);
    }

    @Test
    void serdeRoundTripSharesOneClient() {
        try (AvroSerde<TrackPurchased> serde = new AvroSerde<>(TrackPurchased.class)) {
            serde.configure(config(), false);
            TrackPurchased event = purchase(3, "web");
            assertThat(serde.deserializer().deserialize(topic, serde.serializer().serialize(topic, event))).isEqualTo(event);
            assertThat(serde.serializer().serialize(topic, null)).isNull();
        }
    }

    @Test
    void unknownSchemaIdNamesTheIdAndTheRegistry() {
        byte[] bytes = {0, 0x00, 0x0f, 0x42, 0x3f, 2, 'x'}; // id 999999, never issued
        assertThatThrownBy(() -> deserializer().deserialize(topic, bytes))
                .isInstanceOf(SchemaNotFoundException.class).isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 999999")
                .hasMessageContaining(registry.url())
                .hasMessageContaining("40403");
    }

    @Test
    void bytesThatDoNotDecodeWithTheWriterSchemaFailClearly() {
        byte[] good = serializer().serialize(topic, purchase(4, "app"));
        int id = WireFormat.schemaIdOf(good);
        AvroDeserializer<Object> deserializer = deserializer(SPECIFIC_AVRO_READER, true);

        byte[] truncated = Arrays.copyOf(good, good.length - 3);
        assertThatThrownBy(() -> deserializer.deserialize(topic, truncated))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("does not decode with its writer schema id " + id)
                .hasMessageContaining("TrackPurchased");

        byte[] garbage = Arrays.copyOf(good, 5 + 12);
        Arrays.fill(garbage, 5, garbage.length, (byte) 0xff); // varints that never end
        assertThatThrownBy(() -> deserializer.deserialize(topic, garbage))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("schema id " + id);

        byte[] trailing = Arrays.copyOf(good, good.length + 2);
        assertThatThrownBy(() -> deserializer.deserialize(topic, trailing))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("bytes left over");
    }

    @Test
    void olderWriterReadsIntoTheCurrentClassWithTheNewFieldsDefault() {
        byte[] v1Bytes = serializer(VALUE_SUBJECT_NAME_STRATEGY, TOPIC_NAMING).serialize(topic, purchaseV1(5));
        assertThat(client.getById(WireFormat.schemaIdOf(v1Bytes))).isEqualTo(TRACK_PURCHASED_V1);

        Object back = deserializer(SPECIFIC_AVRO_READER, true).deserialize(topic, v1Bytes);

        TrackPurchased expected = purchase(5, "web"); // "web" is channel's default
        assertThat(back).isEqualTo(expected);
        // and v2 may follow v1 in the subject: adding a field with a default is backward compatible
        assertThat(client.testCompatibility(topic + "-value", TRACK_PURCHASED_V2)).isTrue();
    }

    @Test
    void newerWriterReadsIntoAnOlderReaderDroppingTheNewField() {
        byte[] v2Bytes = serializer().serialize(topic, purchase(6, "app"));

        Object back = deserializer(AVRO_READER_SCHEMA, TRACK_PURCHASED_V1.toString()).deserialize(topic, v2Bytes);

        GenericRecord record = (GenericRecord) back;
        assertThat(record.getSchema()).isEqualTo(TRACK_PURCHASED_V1);
        assertThat(record.getSchema().getField("channel")).isNull();
        assertThat(record.get("trackId")).hasToString("track-6");
        assertThat(record.get("purchaseId")).hasToString(purchase(6, "app").getPurchaseId().toString());
    }

    @Test
    void useLatestVersionWritesWithTheSubjectsLatestSchema() {
        String subject = topic + "-value";
        client.register(subject, TRACK_PURCHASED_V1);
        int v2 = client.register(subject, TRACK_PURCHASED_V2);
        AvroSerializer<Object> serializer = serializer(AUTO_REGISTER_SCHEMAS, false, USE_LATEST_VERSION, true,
                VALUE_SUBJECT_NAME_STRATEGY, TOPIC_NAMING);

        byte[] fromV1Record = serializer.serialize(topic, purchaseV1(7));
        assertThat(WireFormat.schemaIdOf(fromV1Record)).isEqualTo(v2);
        assertThat(deserializer(SPECIFIC_AVRO_READER, true).deserialize(topic, fromV1Record)).isEqualTo(purchase(7, "web"));

        byte[] fromV2Record = serializer.serialize(topic, purchase(8, "app"));
        assertThat(WireFormat.schemaIdOf(fromV2Record)).isEqualTo(v2);
        assertThat(deserializer(SPECIFIC_AVRO_READER, true).deserialize(topic, fromV2Record)).isEqualTo(purchase(8, "app"));
    }

    @Test
    void useLatestVersionOlderThanTheRecordDropsFieldsByName() {
        int v1 = client.register(topic + "-value", TRACK_PURCHASED_V1);
        AvroSerializer<Object> serializer = serializer(AUTO_REGISTER_SCHEMAS, false, USE_LATEST_VERSION, true,
                VALUE_SUBJECT_NAME_STRATEGY, TOPIC_NAMING);

        byte[] bytes = serializer.serialize(topic, purchase(9, "app"));

        assertThat(WireFormat.schemaIdOf(bytes)).isEqualTo(v1);
        GenericRecord written = (GenericRecord) deserializer().deserialize(topic, bytes);
        assertThat(written.getSchema()).isEqualTo(TRACK_PURCHASED_V1);
        assertThat(written.get("trackId")).hasToString("track-9");
        assertThat(written.get("priceCents")).isEqualTo(108L);
    }

    @Test
    void useLatestVersionRefusesALatestSchemaThatCannotHoldTheRecord() {
        client.register(topic + "-value", OrderPlaced.getClassSchema());
        AvroSerializer<Object> serializer = serializer(AUTO_REGISTER_SCHEMAS, false, USE_LATEST_VERSION, true,
                VALUE_SUBJECT_NAME_STRATEGY, TOPIC_NAMING);
        assertThatThrownBy(() -> serializer.serialize(topic, purchase(10, "app")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("use.latest.version")
                .hasMessageContaining("'" + topic + "-value'");
    }

    @Test
    void withoutAutoRegisterAnUnregisteredSubjectFailsClearly() {
        AvroSerializer<Object> serializer = serializer(AUTO_REGISTER_SCHEMAS, "false", VALUE_SUBJECT_NAME_STRATEGY, "topic");
        assertThatThrownBy(() -> serializer.serialize(topic, purchase(11, "app")))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("is not registered under subject '" + topic + "-value'")
                .hasMessageContaining("auto.register.schemas=false")
                .hasMessageContaining("40401");

        int id = client.register(topic + "-value", TRACK_PURCHASED_V2); // registered by a release step instead
        assertThat(WireFormat.schemaIdOf(serializer.serialize(topic, purchase(11, "app")))).isEqualTo(id);
    }

    @Test
    void schemaIdsAreCachedNotAskedPerRecord() {
        CountingRegistryClient counting = closing(new CountingRegistryClient(new HttpSchemaRegistryClient(registry.url())));
        AvroSerializer<TrackPurchased> serializer = closing(new AvroSerializer<>(counting, config(), false));
        AvroDeserializer<Object> deserializer = closing(new AvroDeserializer<>(counting, config(SPECIFIC_AVRO_READER, true), false));

        for (int i = 0; i < 10_000; i++) {
            TrackPurchased event = purchase(i, "web");
            assertThat(deserializer.deserialize(topic, serializer.serialize(topic, event))).isEqualTo(event);
        }

        assertThat(counting.calls("register")).isEqualTo(1);
        assertThat(counting.calls("getById")).isEqualTo(1);
        assertThat(counting.totalCalls()).isEqualTo(2);
    }

    @Test
    void latestVersionIsCachedToo() {
        client.register(topic + "-value", TRACK_PURCHASED_V2);
        CountingRegistryClient counting = closing(new CountingRegistryClient(new HttpSchemaRegistryClient(registry.url())));
        AvroSerializer<Object> serializer = closing(new AvroSerializer<>(counting, config(AUTO_REGISTER_SCHEMAS, false,
                USE_LATEST_VERSION, true, VALUE_SUBJECT_NAME_STRATEGY, TOPIC_NAMING), false));

        for (int i = 0; i < 1_000; i++) serializer.serialize(topic, purchase(i, "web"));

        assertThat(counting.calls("latest")).isEqualTo(1);
        assertThat(counting.totalCalls()).isEqualTo(1);
    }

    @Test
    void recordNamingGivesEachEventTypeItsOwnSubjectOnASharedTopic() {
        AvroSerializer<Object> serializer = serializer(); // the project default: record name
        serializer.serialize(topic, purchase(12, "web"));
        serializer.serialize(topic, AvroSerdeBenchmark.sampleEvent());

        assertThat(client.listSubjects())
                .contains(TrackPurchased.getClassSchema().getFullName(), OrderPlaced.getClassSchema().getFullName())
                .doesNotContain(topic + "-value");
    }

    @Test
    void topicNamingPutsEveryTypeOnATopicIntoOneSubjectSoASecondTypeIsIncompatible() {
        AvroSerializer<Object> serializer = serializer(VALUE_SUBJECT_NAME_STRATEGY, TOPIC_NAMING);
        serializer.serialize(topic, purchase(13, "web"));
        assertThat(client.listSubjects()).contains(topic + "-value");

        assertThatThrownBy(() -> serializer.serialize(topic, AvroSerdeBenchmark.sampleEvent()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("subject '" + topic + "-value'")
                .hasMessageContaining("409");
    }

    @Test
    void topicRecordNamingAndKeySubjects() {
        serializer(VALUE_SUBJECT_NAME_STRATEGY, "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy")
                .serialize(topic, purchase(14, "web"));
        AvroSerializer<Object> keySerializer = closing(new AvroSerializer<>(client));
        keySerializer.configure(config(AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY, "topic"), true);
        keySerializer.serialize(topic, purchase(15, "web"));

        assertThat(client.listSubjects())
                .contains(topic + "-" + TrackPurchased.getClassSchema().getFullName(), topic + "-key");
    }

    // --- helpers -------------------------------------------------------------------------

    private Map<String, Object> config(Object... keyValues) {
        Map<String, Object> config = new HashMap<>();
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        for (int i = 0; i < keyValues.length; i += 2) config.put((String) keyValues[i], keyValues[i + 1]);
        return config;
    }

    /** Configured the way Kafka does it: no-arg constructor, then configure(). */
    private <T> AvroSerializer<T> serializer(Object... keyValues) {
        AvroSerializer<T> serializer = closing(new AvroSerializer<>());
        serializer.configure(config(keyValues), false);
        return serializer;
    }

    private AvroDeserializer<Object> deserializer(Object... keyValues) {
        AvroDeserializer<Object> deserializer = closing(new AvroDeserializer<>());
        deserializer.configure(config(keyValues), false);
        return deserializer;
    }

    private <C extends AutoCloseable> C closing(C closeable) {
        toClose.add(closeable);
        return closeable;
    }
}
