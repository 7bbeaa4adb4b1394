package com.musiccorp.sagastatus.stream;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.List;

/**
 * The stores this instance can read, one partition at a time. Production reads them through
 * interactive queries ({@link StreamsLocalStores}); a test may hand in TopologyTestDriver's stores.
 * Other instances' partitions are reached over HTTP (the http package fans out and merges).
 */
public interface LocalStores {

    /**
     * The partitions of the fold's stores this instance answers for: those whose active task runs
     * here. Listings, counts and the choreography read exactly these (other instances answer for theirs).
     */
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
