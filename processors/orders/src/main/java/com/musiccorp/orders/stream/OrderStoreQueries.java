package com.musiccorp.orders.stream;

import com.musiccorp.orders.domain.Order;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.PositionToken;
import com.musiccorp.platform.streams.StreamsRuntime;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads an order's state from {@code orders-store} (interactive queries), or says it cannot: an
 * absent answer is only given when the store that would hold the order is here and serving.
 *
 * <p>The query names the order's partition. Asking every local store instead would answer "no such
 * order" for an order whose partition is being restored, has just moved during a rebalance, or
 * lives on another instance; this way those cases are {@link StoreNotReady} (a 503), not a 404.
 * Under exactly-once, a read may see a step that is not committed yet (KIP-892 is not released).
 */
public final class OrderStoreQueries {

    private final StreamsRuntime runtime;

    public OrderStoreQueries(StreamsRuntime runtime) {
        this.runtime = runtime;
    }

    /** Streams is RUNNING and no store is restoring. */
    public boolean isReady() {
        return runtime.isReady();
    }

    /** The order's state; empty when no event of the order has been seen. */
    public Optional<Order> find(String orderId) {
        return find(orderId, null, Duration.ZERO);
    }

    /**
     * The order's state once this instance has processed and committed {@code seen} (a command's
     * {@link PositionToken}; null: as it is now), waiting at most {@code wait}: read-your-writes.
     *
     * @throws StoreNotReady the store is not here and serving, or has not reached {@code seen} in time
     */
    public Optional<Order> find(String orderId, PositionToken seen, Duration wait) {
        if (!runtime.isReady()) {
            throw new StoreNotReady("the order store is not ready (Kafka Streams is " + runtime.state() + ")");
        }
        if (seen != null) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (!runtime.hasCommitted(seen)) {
                if (System.nanoTime() > deadline) {
                    throw new StoreNotReady("the order view has not reached position " + seen + " yet");
                }
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // a commit interval: milliseconds
            }
        }
        try {
            ReadOnlyKeyValueStore<String, Order> store = runtime.streams().store(StoreQueryParameters
                    .fromNameAndType(OrdersTopology.ORDERS_STORE, QueryableStoreTypes.<String, Order>keyValueStore())
                    .withPartition(partitionOf(orderId)));
            return Optional.ofNullable(store.get(orderId));
        } catch (InvalidStateStoreException e) {
            throw new StoreNotReady("the order store cannot be read right now: " + e.getMessage());
        }
    }

    /**
     * A position in {@code topic} this instance has already processed and committed, on the order's
     * partition: for an answer that wrote nothing but must still say where the view has the result.
     * Empty when that partition is not an active task here or nothing of it was processed yet.
     */
    public Optional<PositionToken> reached(String topic, String orderId) {
        int partition = partitionOf(orderId);
        Long next = runtime.committedOffsets().get(new TopicPartition(topic, partition));
        return next == null || next <= 0 ? Optional.empty()
                : Optional.of(new PositionToken(Map.of(topic, Map.of(partition, next - 1))));
    }

    /** The partition the producers' default partitioner (and Streams) puts this order id in. */
    static int partitionOf(String orderId) {
        byte[] key = orderId.getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % TopicCatalog.ORDER_PARTITIONS;
    }

    /** The store cannot answer now; the caller should retry shortly (HTTP 503 with Retry-After). */
    public static final class StoreNotReady extends RuntimeException {
        public StoreNotReady(String message) {
            super(message);
        }
    }
}
