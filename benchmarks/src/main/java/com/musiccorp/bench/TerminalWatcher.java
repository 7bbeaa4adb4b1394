package com.musiccorp.bench;

import com.musiccorp.platform.avro.AvroDeserializer;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.TopicCatalog;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sees each order come to rest as anyone reading the topics would: a read_committed consumer of
 * orders.events (OrderCompleted, OrderCancelled) and warehouse.events (DispatchFailed: waiting for a
 * person), noting the wall-clock instant it saw the event and the event's own time.
 */
final class TerminalWatcher implements AutoCloseable {
    static final Set<String> TERMINAL = Set.of("OrderCompleted", "OrderCancelled", "DispatchFailed");

    /** When this consumer saw the terminal event (System.nanoTime), its type and its event time. */
    record AtRest(long seenNanos, String type, long occurredAtMillis) {
    }

    private final Map<String, AtRest> atRest = new ConcurrentHashMap<>();
    private final Map<String, Long> placedAt = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer<SpecificRecord> deserializer = new AvroDeserializer<>();
    private final Thread thread;
    private volatile boolean running = true;

    TerminalWatcher(String bootstrap, String registryUrl) {
        consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10), new StringDeserializer(), new ByteArrayDeserializer());
        deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl,
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        List<TopicPartition> partitions = List.of(TopicCatalog.ORDERS_EVENTS, TopicCatalog.WAREHOUSE_EVENTS).stream()
                .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now: only events of this run count
        thread = new Thread(this::run, "terminal-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long seen = System.nanoTime();
                    SpecificRecord event = deserializer.deserialize(r.topic(), r.value());
                    String type = event.getSchema().getName();
                    if (type.equals("OrderPlaced")) {
                        placedAt.put(r.key(), occurredAt(event));
                    } else if (TERMINAL.contains(type)) {
                        atRest.putIfAbsent(r.key(), new AtRest(seen, type, occurredAt(event)));
                    }
                }
            }
        } catch (WakeupException stopping) {
            // closing
        } finally {
            consumer.close();
        }
    }

    static long occurredAt(SpecificRecord event) {
        GenericRecord metadata = (GenericRecord) ((GenericRecord) event).get("metadata");
        Object t = metadata.get("occurredAt");
        return t instanceof java.time.Instant i ? i.toEpochMilli() : ((Number) t).longValue();
    }

    AtRest atRest(String orderId) {
        return atRest.get(orderId);
    }

    /** The OrderPlaced event time of an order, once this consumer has seen it. */
    Long placedAt(String orderId) {
        return placedAt.get(orderId);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deserializer.close();
    }
}
