package com.musiccorp.bench;

import com.musiccorp.platform.avro.AvroDeserializer;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.TopicCatalog;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the saga topics hold after the load: the average serialized size of an event (the record size
 * of the raw-limit run) and, for the replay, every event of a set of finished sagas, decoded.
 */
final class EventSample {
    static final List<String> SAGA_TOPICS = List.of(TopicCatalog.ORDERS_EVENTS, TopicCatalog.WAREHOUSE_EVENTS,
            TopicCatalog.PAYMENTS_EVENTS, TopicCatalog.LOYALTY_EVENTS, TopicCatalog.NOTIFICATIONS_EVENTS);

    /** One event as written. */
    record Written(String topic, String key, SpecificRecord event) {
    }

    final long events;
    final double averageValueBytes;
    /** Per order id (in the order asked for), its events in topic order per topic. */
    final Map<String, List<Written>> sagas;

    private EventSample(long events, double averageValueBytes, Map<String, List<Written>> sagas) {
        this.events = events;
        this.averageValueBytes = averageValueBytes;
        this.sagas = sagas;
    }

    /** Reads the saga topics from the beginning to their current end (read_committed). */
    /** {@code registry}: the serde settings that reach the registry ({@link SystemUnderTest#registryConfig}). */
    static EventSample read(String bootstrap, Map<String, Object> registry, List<String> templateOrders) {
        Set<String> wanted = Set.copyOf(templateOrders);
        Map<String, List<Written>> sagas = new LinkedHashMap<>();
        templateOrders.forEach(o -> sagas.put(o, new ArrayList<>()));
        long count = 0, bytes = 0;
        try (var deserializer = new AvroDeserializer<SpecificRecord>();
             var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                     ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                     ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            Map<String, Object> config = new HashMap<>(registry);
            config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
            deserializer.configure(config, false);
            List<TopicPartition> partitions = SAGA_TOPICS.stream()
                    .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("could not read to the end of " + end);
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    count++;
                    bytes += r.value() == null ? 0 : r.value().length;
                    if (wanted.contains(r.key())) {
                        sagas.get(r.key()).add(new Written(r.topic(), r.key(), deserializer.deserialize(r.topic(), r.value())));
                    }
                }
            }
        }
        return new EventSample(count, count == 0 ? 0 : (double) bytes / count, sagas);
    }
}
