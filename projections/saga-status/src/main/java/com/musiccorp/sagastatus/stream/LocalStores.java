package com.musiccorp.sagastatus.stream;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.List;

/**
 * The stores this instance can read, one partition at a time. Production reads them through
 * interactive queries ({@link StreamsLocalStores}); a test may hand in TopologyTestDriver's stores.
 * Routing a key to the instance that owns it (application.server) can wrap {@link SagaQueries}.
 */
public interface LocalStores {

    /** The partitions whose stores this instance answers for. */
    List<Integer> partitions();

    /**
     * The store {@code name} for {@code partition}.
     *
     * @throws StoreNotReady when it cannot be read now (starting, restoring, rebalancing)
     */
    <V> ReadOnlyKeyValueStore<String, V> store(String name, int partition);

    /** The store cannot answer now; the caller should retry shortly (HTTP 503 with Retry-After). */
    final class StoreNotReady extends RuntimeException {
        public StoreNotReady(String message) {
            super(message);
        }
    }
}
