package com.musiccorp.platform.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;

/** For a context's end-to-end test: what a topic holds for one key, as a reader outside the context sees it. */
public final class TopicRecords {

    private TopicRecords() {
    }

    /**
     * Every committed record of {@code topic} with this key (and event type, when given), once at
     * least {@code expected} are there and the topic has then stayed quiet for a second, so a
     * duplicate written shortly after would be counted too.
     */
    public static List<ConsumerRecord<byte[], byte[]>> read(String bootstrapServers, String topic, String key, String eventType, int expected) {
        List<ConsumerRecord<byte[], byte[]>> matching = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers,
                "group.id", "it-reader-" + System.nanoTime(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8))
                            && (eventType == null || eventType.equals(EventHeaders.text(r.headers(), EventHeaders.EVENT_TYPE)))) {
                        matching.add(r);
                    }
                });
                return matching.size() >= expected;
            });
            long quietUntil = System.currentTimeMillis() + 1000;
            while (System.currentTimeMillis() < quietUntil) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8))
                            && (eventType == null || eventType.equals(EventHeaders.text(r.headers(), EventHeaders.EVENT_TYPE)))) {
                        matching.add(r);
                    }
                });
            }
        }
        return matching;
    }

    /** The first {@code expected} (or more) committed records of {@code topic}, whatever their key. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers,
                "group.id", "it-reader-" + System.nanoTime(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.size() >= expected;
            });
        }
        return seen;
    }

    /** A header's value as text, or null. */
    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
