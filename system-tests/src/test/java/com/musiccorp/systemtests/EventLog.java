package com.musiccorp.systemtests;

import com.musiccorp.platform.avro.AvroDeserializer;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.avro.SchemaNotFoundException;
import com.musiccorp.platform.avro.WireFormatException;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.schemas.ContractLimits;
import org.apache.avro.Schema;
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
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every committed event of the saga topics, decoded, as the services see them: a record no context
 * would fold (not readable, over the contract's size, a type its topic does not carry, a key that is
 * not its event's order id: what {@link PoisonRecordsIT} writes on purpose, and every context
 * dead-letters) is left out.
 */
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
                consumer.poll(Duration.ofMillis(200)).forEach(r -> folded(deserializer, r.topic(), r.key(), r.value())
                        .ifPresent(all::add));
            }
        }
        return all;
    }

    /** The record as an event the services fold, or empty for poison they dead-letter. */
    private static Optional<Written> folded(AvroDeserializer<SpecificRecord> deserializer, String topic, String key,
            byte[] value) {
        if (value == null || value.length > ContractLimits.MAX_EVENT_BYTES) return Optional.empty();
        SpecificRecord event;
        try {
            event = deserializer.deserialize(topic, value);
        } catch (WireFormatException | SchemaNotFoundException unreadable) { // a registry that cannot answer still throws
            return Optional.empty();
        }
        if (!TopicCatalog.get(topic).valueSubjects().contains(event.getSchema().getFullName())) return Optional.empty();
        Schema.Field orderId = event.getSchema().getField("orderId");
        if (orderId != null && !String.valueOf(event.get(orderId.pos())).equals(key)) return Optional.empty();
        return Optional.of(new Written(topic, key, event));
    }

    /** The events of one order (its key), in topic order per topic. */
    static Map<String, List<Written>> byOrder(List<Written> all) {
        return all.stream().collect(Collectors.groupingBy(Written::key));
    }
}
