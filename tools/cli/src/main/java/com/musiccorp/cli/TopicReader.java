package com.musiccorp.cli;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads topics without a consumer group: every partition assigned, from the beginning or the end.
 * {@link #readToEnd} stops at the end offsets seen when it started (a snapshot, so it terminates on
 * a busy topic); {@link #follow} keeps polling. Records of one poll are handed over in timestamp
 * order, so one saga's events from several topics read in the order they happened.
 */
final class TopicReader implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();

    TopicReader(String bootstrapServers, Collection<String> topics, boolean fromBeginning) {
        try (Admin admin = Clients.admin(bootstrapServers)) {
            Clients.describe(admin, topics).forEach((name, description) -> description.partitions()
                    .forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
        }
        consumer = Clients.consumer(bootstrapServers);
        consumer.assign(partitions);
        if (fromBeginning) consumer.seekToBeginning(partitions);
        else consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve now: "the end" means when the command started
    }

    /** Hands every record up to the current end to {@code sink}; stops early when it returns false. */
    void readToEnd(Predicate<ConsumerRecord<byte[], byte[]>> sink, Progress progress) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long total = end.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - consumer.position(e.getKey()))).sum();
        long seen = 0;
        while (!reachedEnd(end)) {
            var records = consumer.poll(POLL);
            for (ConsumerRecord<byte[], byte[]> record : sorted(records)) {
                if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) continue;
                seen++;
                if (!sink.test(record)) return;
            }
            progress.report(seen, total);
        }
    }

    /** Hands every record to {@code sink} as it arrives until it returns false (or the process is stopped). */
    void follow(Predicate<ConsumerRecord<byte[], byte[]>> sink) {
        while (true) {
            for (ConsumerRecord<byte[], byte[]> record : sorted(consumer.poll(POLL))) {
                if (!sink.test(record)) return;
            }
        }
    }

    private boolean reachedEnd(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static List<ConsumerRecord<byte[], byte[]>> sorted(Iterable<ConsumerRecord<byte[], byte[]>> records) {
        List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>();
        records.forEach(list::add);
        list.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
        return list;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
