package com.musiccorp.platform.streams.rebuild;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the committed records of a one-partition dead-letter topic as they arrive, reading on from
 * where it stopped. An end offset would overcount: exactly-once writes a commit marker per transaction.
 */
final class DeadLetterCount implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private long count;

    /** @param connection bootstrap servers and, on a secured cluster, the context's login */
    DeadLetterCount(Map<String, Object> connection, String topic) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
    }

    /** The records committed so far: reads until its position reaches the partition's committed end. */
    long count() {
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (consumer.position(partition) < end && System.nanoTime() < deadline) {
            count += consumer.poll(Duration.ofMillis(100)).count();
        }
        return count;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
