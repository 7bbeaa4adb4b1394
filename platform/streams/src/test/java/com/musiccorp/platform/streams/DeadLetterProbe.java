package com.musiccorp.platform.streams;

import com.musiccorp.platform.kafka.TopicCatalog;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * For a context's end-to-end test: writes a record of garbage bytes and one with an unknown schema
 * id to one of the context's input topics, and checks both reach {@code <context>.dlq} with their
 * original bytes and the {@code __streams.errors.*} headers. The caller then shows processing went on.
 */
public final class DeadLetterProbe {
    /** Confluent framing (magic byte 0) with schema id 0x7f7f7f7f, which no registry has handed out. */
    public static final byte[] UNKNOWN_SCHEMA_ID = {0, 0x7f, 0x7f, 0x7f, 0x7f, 1, 2, 3};
    public static final byte[] GARBAGE = "definitely not avro".getBytes(StandardCharsets.UTF_8);

    private DeadLetterProbe() {
    }

    /** Sends both unreadable records to {@code inputTopic} and waits until {@code context}'s DLQ holds them. */
    public static void assertUnreadableRecordsAreDeadLettered(String bootstrapServers, String context, String inputTopic)
            throws Exception {
        String run = UUID.randomUUID().toString();
        String garbageKey = "garbage-" + run;
        String unknownKey = "unknown-schema-" + run;
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(inputTopic, bytes(garbageKey), GARBAGE)).get();
            producer.send(new ProducerRecord<>(inputTopic, bytes(unknownKey), UNKNOWN_SCHEMA_ID)).get();
        }
        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers,
                "group.id", "dlq-probe-" + run, "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(TopicCatalog.deadLetterTopic(context)));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
                    if (key.equals(garbageKey) || key.equals(unknownKey)) dead.add(r);
                }
                return dead.size() >= 2;
            });
        }
        for (var record : dead) {
            boolean garbage = new String(record.key(), StandardCharsets.UTF_8).equals(garbageKey);
            assertThat(record.value()).isEqualTo(garbage ? GARBAGE : UNKNOWN_SCHEMA_ID);
            assertThat(header(record, "__streams.errors.topic")).isEqualTo(inputTopic);
            assertThat(header(record, "__streams.errors.partition")).isNotBlank();
            assertThat(header(record, "__streams.errors.offset")).isNotBlank();
            assertThat(header(record, "__streams.errors.exception")).isNotBlank();
            assertThat(header(record, "__streams.errors.message"))
                    .containsIgnoringCase(garbage ? "magic byte" : String.valueOf(0x7f7f7f7f));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
