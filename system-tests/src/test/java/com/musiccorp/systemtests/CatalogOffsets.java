package com.musiccorp.systemtests;

import com.musiccorp.platform.kafka.TopicCatalog;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * The end offsets of every topic of the catalog anyone can make a service write to (event, stock
 * and command topics): to show that a batch of requests wrote nothing, compare them before and after.
 * End offsets count every record written, committed or aborted, so nothing written escapes them.
 */
final class CatalogOffsets {
    static final List<String> WRITTEN_BY_SERVICES = List.of(TopicCatalog.ORDERS_EVENTS, TopicCatalog.WAREHOUSE_EVENTS,
            TopicCatalog.WAREHOUSE_STOCK, TopicCatalog.PAYMENTS_EVENTS, TopicCatalog.LOYALTY_EVENTS,
            TopicCatalog.NOTIFICATIONS_EVENTS, TopicCatalog.ORDERS_COMMANDS, TopicCatalog.WAREHOUSE_COMMANDS);

    private CatalogOffsets() {
    }

    static Map<TopicPartition, Long> now(RunningSystem.Services system) {
        try (var consumer = consumer(system)) {
            List<TopicPartition> partitions = WRITTEN_BY_SERVICES.stream()
                    .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())))
                    .toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> ordered = new LinkedHashMap<>();
            partitions.forEach(tp -> ordered.put(tp, ends.get(tp)));
            return ordered;
        }
    }

    /** Waits until nothing has been written for two polls a second apart (sagas of earlier tests at rest). */
    static Map<TopicPartition, Long> awaitQuiet(RunningSystem.Services system) {
        AtomicReference<Map<TopicPartition, Long>> last = new AtomicReference<>(Map.of());
        AtomicReference<Integer> sameFor = new AtomicReference<>(0);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<TopicPartition, Long> now = now(system);
            sameFor.set(now.equals(last.getAndSet(now)) ? sameFor.get() + 1 : 0);
            return sameFor.get() >= 2;
        });
        return last.get();
    }

    /** Per topic, the records added between two measurements: topic → count. */
    static Map<String, Long> growth(Map<TopicPartition, Long> before, Map<TopicPartition, Long> after) {
        Map<String, Long> grown = new TreeMap<>();
        after.forEach((tp, end) -> grown.merge(tp.topic(), end - before.getOrDefault(tp, 0L), Long::sum));
        return grown;
    }

    /** What was written between two measurements, one line per record (topic, partition, offset, key, event type). */
    static List<String> recordsBetween(RunningSystem.Services system, Map<TopicPartition, Long> before,
            Map<TopicPartition, Long> after) {
        List<String> written = new ArrayList<>();
        try (var consumer = consumer(system)) {
            List<TopicPartition> grown = after.keySet().stream()
                    .filter(tp -> after.get(tp) > before.getOrDefault(tp, 0L)).toList();
            if (grown.isEmpty()) return written;
            consumer.assign(grown);
            grown.forEach(tp -> consumer.seek(tp, before.getOrDefault(tp, 0L)));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (grown.stream().anyMatch(tp -> consumer.position(tp) < after.get(tp)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.offset() >= after.get(new TopicPartition(r.topic(), r.partition()))) return;
                    Header type = r.headers().lastHeader("event-type");
                    String value = r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8);
                    written.add(r.topic() + "[" + r.partition() + "]@" + r.offset() + " key="
                            + (r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8))
                            + (type != null ? " type=" + new String(type.value(), StandardCharsets.UTF_8)
                            : " value=" + (value.length() > 200 ? value.substring(0, 200) + "…" : value)));
                });
            }
        }
        return written;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(RunningSystem.Services system) {
        return new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
