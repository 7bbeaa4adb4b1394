package com.musiccorp.orders.stream;

import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.PositionToken;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the order view can ever reach a {@link PositionToken} a client sent back: every topic is one
 * the view reads, every partition exists, and every offset is below the partition's current end.
 * A token that can never be reached is refused at once instead of waiting out the query's wait.
 * An offset that exists but is not processed yet is reachable: the query waits for it as before.
 * Also whether the view's topology has committed past every record of a partition
 * ({@link #onlyMarkersLeft}), which {@link PlacedBeforeStart} asks after a restart.
 */
public final class ReachablePositions implements AutoCloseable {

    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);

    /** The topics whose offsets a position of this view may name: its inputs and its commands. */
    static final List<String> TOPICS = topics();

    private final Admin admin;
    private final Map<String, Object> connection;

    /** @param connection the context's Kafka connection (bootstrap servers, and its login on a secured broker) */
    public ReachablePositions(Map<String, Object> connection) {
        this.connection = Map.copyOf(connection);
        Map<String, Object> config = new HashMap<>(connection);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "orders-positions");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) LOOKUP_TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) LOOKUP_TIMEOUT.toMillis());
        this.admin = Admin.create(config);
    }

    /**
     * Null when the view can reach {@code position}, else why not, for a client.
     *
     * @throws OrderStoreQueries.StoreNotReady the ends of the partitions could not be looked up (503)
     */
    public String problem(PositionToken position) {
        Map<TopicPartition, Long> wanted = new HashMap<>();
        for (var topic : position.offsets().entrySet()) {
            if (!TOPICS.contains(topic.getKey())) {
                return "names " + topic.getKey() + ", which this view does not read (it reads " + TOPICS + ")";
            }
            int partitions = TopicCatalog.get(topic.getKey()).partitions();
            for (var partition : topic.getValue().entrySet()) {
                if (partition.getKey() >= partitions) {
                    return "names partition " + partition.getKey() + " of " + topic.getKey() + ", which has partitions 0 to "
                            + (partitions - 1);
                }
                wanted.put(new TopicPartition(topic.getKey(), partition.getKey()), partition.getValue());
            }
        }
        Map<TopicPartition, Long> ends = ends(wanted.keySet().stream().toList());
        for (var w : wanted.entrySet()) {
            long end = ends.get(w.getKey());
            if (w.getValue() >= end) {
                return "offset " + w.getValue() + " of " + w.getKey().topic() + ":" + w.getKey().partition()
                        + " has not been written (the next offset is " + end + "), so the view can never reach it";
            }
        }
        return null;
    }

    /**
     * The log end offset (the next offset to be written) of each partition of {@code topic}, by partition.
     *
     * @throws OrderStoreQueries.StoreNotReady they could not be looked up (503)
     */
    public Map<Integer, Long> ends(String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < TopicCatalog.get(topic).partitions(); p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        Map<Integer, Long> ends = new HashMap<>();
        ends(partitions).forEach((tp, end) -> ends.put(tp.partition(), end));
        return ends;
    }

    /**
     * Whether {@code group} has committed past every record of {@code topic}'s {@code partition} below
     * {@code end}: its committed offset is {@code end}, or a {@code read_committed} consumer reading from
     * it to {@code end} finds nothing, only transaction markers (and aborted records).
     *
     * @throws OrderStoreQueries.StoreNotReady the offsets or records could not be read (503)
     */
    public boolean onlyMarkersLeft(String group, String topic, int partition, long end) {
        TopicPartition tp = new TopicPartition(topic, partition);
        long from;
        try {
            var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(tp);
            from = committed == null ? 0 : committed.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderStoreQueries.StoreNotReady("interrupted while looking up where " + group + " has committed");
        } catch (ExecutionException | TimeoutException e) {
            throw new OrderStoreQueries.StoreNotReady("could not look up where " + group + " has committed: " + e);
        }
        if (from >= end) {
            return true;
        }
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "orders-positions");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) LOOKUP_TIMEOUT.toMillis());
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, from);
            long deadline = System.nanoTime() + LOOKUP_TIMEOUT.toNanos();
            while (consumer.position(tp) < end) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                for (var r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.offset() < end) {
                        return false; // a record the topology has yet to commit past
                    }
                }
            }
            return true;
        } catch (KafkaException e) {
            throw new OrderStoreQueries.StoreNotReady("could not read " + tp + ": " + e);
        }
    }

    /** The log end offset (the next offset to be written) of each partition. */
    private Map<TopicPartition, Long> ends(List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> info = admin.listOffsets(latest).all()
                    .get(LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> ends = new HashMap<>();
            info.forEach((p, i) -> ends.put(p, i.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderStoreQueries.StoreNotReady("interrupted while looking up where the topics end");
        } catch (ExecutionException | TimeoutException e) {
            throw new OrderStoreQueries.StoreNotReady("could not look up where the topics end: " + e);
        }
    }

    private static List<String> topics() {
        List<String> topics = new ArrayList<>(OrdersTopology.INPUT_TOPICS);
        topics.add(TopicCatalog.ORDERS_COMMANDS);
        return List.copyOf(topics);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
