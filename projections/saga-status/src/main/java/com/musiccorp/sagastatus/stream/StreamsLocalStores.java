package com.musiccorp.sagastatus.stream;

import com.musiccorp.platform.streams.StreamsRuntime;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.List;
import java.util.TreeSet;

/**
 * Interactive queries on this instance's stores, one named partition at a time: a partition that
 * is restoring or moving is {@link StoreNotReady} (a 503), never an empty answer (a 404).
 * Every order-keyed topic and the repartition topic have {@link SagaStatusTopology#SAGA_PARTITIONS}
 * partitions; {@link #partitions()} names those of the fold whose ACTIVE task runs here (standbys
 * are not queried: they may lag, and their partition is answered by its active instance).
 */
public final class StreamsLocalStores implements LocalStores {

    /** The fold reads every event topic in the same task per partition: the orders' topic stands for them. */
    private static final String FOLD_SOURCE = com.musiccorp.platform.kafka.TopicCatalog.ORDERS_EVENTS;

    private final StreamsRuntime runtime;
    /**
     * What was read of the assignment, and the store handles opened, while it stays the same: a
     * query then costs no metadata walk and no new handle. A handle whose partition moved away after
     * all fails its read (503), like any read of a partition in motion.
     */
    private volatile Known known = new Known(Long.MIN_VALUE, null, new java.util.concurrent.ConcurrentHashMap<>());

    private record Known(long generation, List<Integer> partitions,
                         java.util.concurrent.ConcurrentMap<String, ReadOnlyKeyValueStore<String, ?>> stores) {
    }

    public StreamsLocalStores(StreamsRuntime runtime) {
        this.runtime = runtime;
    }

    private Known known() {
        long generation = runtime.assignmentGeneration();
        Known k = known;
        if (k.generation() != generation) {
            k = new Known(generation, null, new java.util.concurrent.ConcurrentHashMap<>());
            known = k;
        }
        return k;
    }

    public boolean isReady() {
        return runtime.isReady();
    }

    @Override
    public List<Integer> partitions() {
        if (!runtime.isReady()) {
            throw new StoreNotReady("the saga stores are not ready (Kafka Streams is " + runtime.state() + ")");
        }
        Known k = known();
        if (k.partitions() != null) {
            return k.partitions();
        }
        List<Integer> partitions = activePartitions();
        known = new Known(k.generation(), partitions, k.stores());
        return partitions;
    }

    private List<Integer> activePartitions() {
        TreeSet<Integer> active = new TreeSet<>();
        try {
            for (ThreadMetadata thread : runtime.streams().metadataForLocalThreads()) {
                for (TaskMetadata task : thread.activeTasks()) {
                    for (TopicPartition source : task.topicPartitions()) {
                        if (source.topic().equals(FOLD_SOURCE)) active.add(source.partition());
                    }
                }
            }
        } catch (RuntimeException e) { // e.g. the instance is shutting down
            throw new StoreNotReady("the saga stores' assignment cannot be read right now: " + e.getMessage());
        }
        return List.copyOf(active);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> ReadOnlyKeyValueStore<String, V> store(String name, int partition) {
        if (!runtime.isReady()) {
            throw new StoreNotReady("the saga stores are not ready (Kafka Streams is " + runtime.state() + ")");
        }
        try {
            return (ReadOnlyKeyValueStore<String, V>) known().stores().computeIfAbsent(name + "#" + partition,
                    k -> runtime.streams().store(StoreQueryParameters
                            .fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore())
                            .withPartition(partition)));
        } catch (InvalidStateStoreException e) {
            throw new StoreNotReady("the saga stores cannot be read right now: " + e.getMessage());
        }
    }
}
