package com.musiccorp.systemtests;

import com.musiccorp.platform.avro.AvroDeserializer;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.EventHeaders;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Every committed event of the saga topics, decoded, as anyone reading the topics would see them. */
final class EventLog {
    static final List<String> SAGA_TOPICS = List.of(TopicCatalog.ORDERS_EVENTS, TopicCatalog.WAREHOUSE_EVENTS,
            TopicCatalog.PAYMENTS_EVENTS, TopicCatalog.LOYALTY_EVENTS, TopicCatalog.NOTIFICATIONS_EVENTS);

    /** One event as written: its topic, key and the event. */
    record Written(String topic, String key, SpecificRecord event) {
        String type() {
            return event.getSchema().getName();
        }

        String eventId() {
            return EventHeaders.metadataOf(event).getEventId().toString();
        }
    }

    private EventLog() {
    }

    /** Reads each saga topic from the beginning to its current end (read_committed). */
    static List<Written> readAll(RunningSystem.Services system) {
        List<Written> all = new ArrayList<>();
        try (var deserializer = new AvroDeserializer<SpecificRecord>();
             var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers(),
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                     ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, system.registryUrl(),
                    AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
            List<TopicPartition> partitions = SAGA_TOPICS.stream()
                    .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("could not read to the end of " + end);
                consumer.poll(Duration.ofMillis(200)).forEach(r -> all.add(new Written(r.topic(), r.key(),
                        deserializer.deserialize(r.topic(), r.value()))));
            }
        }
        return all;
    }

    /** The events of one order (its key), in topic order per topic. */
    static Map<String, List<Written>> byOrder(List<Written> all) {
        return all.stream().collect(Collectors.groupingBy(Written::key));
    }
}
