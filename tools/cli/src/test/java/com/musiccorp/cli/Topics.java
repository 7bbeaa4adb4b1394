package com.musiccorp.cli;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** What is on a topic, read with a plain consumer as any service would (read_committed). */
final class Topics {
    private Topics() {
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers, "isolation.level", "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Sum of the end offsets of every partition once no transaction is in flight (committed end ==
     * written end), so a commit marker landing late cannot pass for a write: unchanged means
     * nothing was written.
     */
    static long settledEndOffsets(String bootstrapServers, String topic) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            long committed = endOffsets(bootstrapServers, topic, "read_committed");
            long written = endOffsets(bootstrapServers, topic, "read_uncommitted");
            return committed == written ? committed : -1;
        }, sum -> sum >= 0);
    }

    private static long endOffsets(String bootstrapServers, String topic, String isolation) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers,
                "isolation.level", isolation), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * The records with this key, waiting until there are {@code count}: a transaction's records
     * become readable only once its commit marker is written, shortly after the commit returned.
     */
    static List<ConsumerRecord<byte[], byte[]>> awaitWithKey(String bootstrapServers, String topic, String key, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> all(bootstrapServers, topic).stream()
                .filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(key)).toList(),
                records -> records.size() >= count);
    }

    /** Every committed record of the topic, from the beginning to its current end. */
    static List<ConsumerRecord<byte[], byte[]>> all(String bootstrapServers, String topic) {
        try (var consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
