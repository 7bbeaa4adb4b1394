package com.musiccorp.sagastatus.stream;

import com.musiccorp.platform.streams.StreamsRuntime;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Interactive queries on this instance's stores, one named partition at a time: a partition that
 * is restoring or moving is {@link StoreNotReady} (a 503), never an empty answer (a 404).
 * Every order-keyed topic and the repartition topic have {@link SagaStatusTopology#SAGA_PARTITIONS}
 * partitions; on one instance all of them are local.
 */
public final class StreamsLocalStores implements LocalStores {

    private static final List<Integer> ALL = IntStream.range(0, SagaStatusTopology.SAGA_PARTITIONS).boxed().toList();

    private final StreamsRuntime runtime;

    public StreamsLocalStores(StreamsRuntime runtime) {
        this.runtime = runtime;
    }

    public boolean isReady() {
        return runtime.isReady();
    }

    @Override
    public List<Integer> partitions() {
        return ALL;
    }

    @Override
    public <V> ReadOnlyKeyValueStore<String, V> store(String name, int partition) {
        if (!runtime.isReady()) {
            throw new StoreNotReady("the saga stores are not ready (Kafka Streams is " + runtime.state() + ")");
        }
        try {
            return runtime.streams().store(StoreQueryParameters
                    .fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore())
                    .withPartition(partition));
        } catch (InvalidStateStoreException e) {
            throw new StoreNotReady("the saga stores cannot be read right now: " + e.getMessage());
        }
    }
}
