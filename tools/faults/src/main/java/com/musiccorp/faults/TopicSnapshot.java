package com.musiccorp.faults;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.platform.avro.AvroDeserializer;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.EventHeaders;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Every committed record of the event topics (read_committed, decoded with the project's Avro serde
 * and the live registry), and how many records every dead-letter topic holds: what the invariants
 * are checked against once the system is at rest.
 */
record TopicSnapshot(List<Event> events, Map<String, Long> deadLetters, long unreadable) {

    static final List<String> EVENT_TOPICS = List.of(TopicCatalog.ORDERS_EVENTS, TopicCatalog.WAREHOUSE_EVENTS,
            TopicCatalog.WAREHOUSE_STOCK, TopicCatalog.PAYMENTS_EVENTS, TopicCatalog.LOYALTY_EVENTS,
            TopicCatalog.NOTIFICATIONS_EVENTS);

    /** One event as written. */
    record Event(String topic, String key, SpecificRecord value) {
        String type() {
            return value.getSchema().getName();
        }

        EventMetadata metadata() {
            return EventHeaders.metadataOf(value);
        }

        long occurredAtMillis() {
            Object t = metadata().getOccurredAt();
            return t instanceof java.time.Instant i ? i.toEpochMilli() : ((Number) t).longValue();
        }

        Object field(String name) {
            return value.get(value.getSchema().getField(name).pos());
        }
    }

    static TopicSnapshot read(SystemUnderFaults system) throws Exception {
        List<Event> events = new ArrayList<>();
        long[] unreadable = {0};
        try (var deserializer = new AvroDeserializer<SpecificRecord>()) {
            Map<String, Object> config = AvroSerdeConfig.registryConfig(system.registryUrl(), system.registryUserInfo());
            config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
            deserializer.configure(config, false);
            readToEnd(system, EVENT_TOPICS, r -> {
                try {
                    events.add(new Event(r.topic(), r.key(), deserializer.deserialize(r.topic(), r.value())));
                } catch (RuntimeException e) {
                    unreadable[0]++;
                }
            });
        }
        Map<String, Long> deadLetters = new LinkedHashMap<>();
        try (Admin admin = system.admin()) {
            List<String> dlqs = admin.listTopics().names().get().stream()
                    .filter(t -> t.endsWith(".dlq") || t.endsWith("-dead-letters")).sorted().toList();
            for (String dlq : dlqs) {
                long[] count = {0};
                readToEnd(system, List.of(dlq), r -> count[0]++);
                deadLetters.put(dlq, count[0]);
            }
        }
        return new TopicSnapshot(events, deadLetters, unreadable[0]);
    }

    private static void readToEnd(SystemUnderFaults system, List<String> topics,
                                  Consumer<ConsumerRecord<String, byte[]>> each) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = topics.stream()
                    .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("could not read to the end of " + end);
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    /** The events keyed by order id (every saga topic is keyed so; warehouse.stock by SKU). */
    Map<String, List<Event>> byKey() {
        return events.stream().collect(Collectors.groupingBy(Event::key));
    }

    long deadLetterTotal() {
        return deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }
}
