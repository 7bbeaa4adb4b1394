package com.musiccorp.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the repartition topics' data records while a step's load runs. Kafka Streams deletes a
 * repartition topic's records once they are consumed and committed (every 30 s), so by the time the
 * step's offsets are split ({@link RecordSplit}) most of them are gone: counted afterwards, they
 * would pass for transaction markers. Reading them as they are written counts them as data.
 */
final class RepartitionTail implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread reader;
    /** Offsets of the data records read, per partition (a step writes tens of thousands). */
    private final Map<TopicPartition, List<Long>> offsets = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    /** Starts reading every repartition partition in {@code from} (end offsets before the step) from there. */
    static RepartitionTail start(String bootstrap, Map<TopicPartition, Long> from) {
        return new RepartitionTail(bootstrap, from);
    }

    static boolean isRepartition(TopicPartition tp) {
        return tp.topic().endsWith("-repartition");
    }

    private RepartitionTail(String bootstrap, Map<TopicPartition, Long> from) {
        consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Map<TopicPartition, Long> start = new HashMap<>();
        from.forEach((tp, offset) -> {
            if (isRepartition(tp)) start.put(tp, offset);
        });
        consumer.assign(start.keySet());
        start.forEach(consumer::seek);
        start.forEach(positions::put);
        reader = Thread.ofPlatform().daemon().name("repartition-tail").start(this::read);
    }

    private void read() {
        try {
            while (!stopped) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    List<Long> read = offsets.computeIfAbsent(new TopicPartition(r.topic(), r.partition()),
                            tp -> new ArrayList<>());
                    synchronized (read) {
                        read.add(r.offset());
                    }
                }
                for (TopicPartition tp : consumer.assignment()) positions.put(tp, consumer.position(tp));
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /**
     * Data records per repartition partition below the step's end offsets; not complete if the tail
     * could not read that far in time.
     */
    record Counted(Map<TopicPartition, Long> dataRecords, boolean complete) {
    }

    /** The data records below {@code to} (end offsets after the step), once read that far or {@code cap} is over. */
    Counted countBelow(Map<TopicPartition, Long> to, Duration cap) throws InterruptedException {
        long deadline = System.nanoTime() + cap.toNanos();
        boolean complete = true;
        for (var e : to.entrySet()) {
            if (!isRepartition(e.getKey()) || !positions.containsKey(e.getKey())) continue;
            while (positions.get(e.getKey()) < e.getValue()) {
                if (System.nanoTime() > deadline) {
                    complete = false;
                    break;
                }
                Thread.sleep(50);
            }
        }
        Map<TopicPartition, Long> counts = new HashMap<>();
        to.forEach((tp, end) -> {
            List<Long> read = offsets.get(tp);
            if (read == null) return;
            synchronized (read) {
                counts.put(tp, read.stream().filter(o -> o < end).count());
            }
        });
        return new Counted(counts, complete);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        consumer.wakeup();
        reader.join();
    }
}
