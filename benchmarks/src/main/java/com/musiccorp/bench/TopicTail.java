package com.musiccorp.bench;

import com.musiccorp.platform.avro.AvroDeserializer;
import com.musiccorp.platform.avro.AvroSerdeConfig;
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
import java.util.function.Predicate;

/**
 * A read_committed consumer of the topics a predicate picks, from their current end (only what
 * follows counts), handing each record with the instant it saw it (System.nanoTime) to a handler on
 * its own thread once started; with the registry's Avro deserializer for the handler's decoding.
 */
final class TopicTail implements AutoCloseable {
    /** What a tail does with each record it sees. */
    interface Handler {
        void seen(ConsumerRecord<String, byte[]> record, long seenNanos);
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer<SpecificRecord> deserializer = new AvroDeserializer<>();
    private final Thread thread;
    private volatile boolean running = true;

    TopicTail(String name, String bootstrap, Map<String, Object> registry, Predicate<String> topics, Handler handler) {
        consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10), new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> config = new java.util.HashMap<>(registry);
        config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        deserializer.configure(config, false);
        List<TopicPartition> partitions = consumer.listTopics().entrySet().stream()
                .filter(e -> topics.test(e.getKey()))
                .flatMap(e -> e.getValue().stream().map(p -> new TopicPartition(e.getKey(), p.partition())))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now: only what follows counts
        thread = new Thread(() -> run(handler), name);
        thread.setDaemon(true);
    }

    /** Starts handing records over (after the owner has kept this tail, so its handler may use it). */
    TopicTail start() {
        thread.start();
        return this;
    }

    private void run(Handler handler) {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    handler.seen(r, System.nanoTime());
                }
            }
        } catch (WakeupException stopping) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** An event of a saga topic, decoded through the registry. */
    SpecificRecord decode(ConsumerRecord<String, byte[]> r) {
        return deserializer.deserialize(r.topic(), r.value());
    }

    @Override
    public void close() {
        running = false;
        if (thread.getState() == Thread.State.NEW) {
            consumer.close(); // never started: its thread would have closed it
            deserializer.close();
            return;
        }
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deserializer.close();
    }
}
