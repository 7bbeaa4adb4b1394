package com.musiccorp.warehouse.stream;

import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.StreamsRuntime;
import com.musiccorp.warehouse.domain.OrderFulfilment;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads an order's fulfilment from {@code fulfilment-store}, asking the order's own partition, so a
 * partition that is restoring or elsewhere is {@link StockStoreQueries.StoreNotReady} (503), never
 * "no such order" (404).
 */
public final class FulfilmentStoreQueries {

    private final StreamsRuntime runtime;

    public FulfilmentStoreQueries(StreamsRuntime runtime) {
        this.runtime = runtime;
    }

    /** The order's fulfilment; empty when the warehouse never heard of the order. */
    public Optional<OrderFulfilment> find(String orderId) {
        if (!runtime.isReady()) {
            throw new StockStoreQueries.StoreNotReady("the fulfilment store is not ready (Kafka Streams is "
                    + runtime.state() + ")");
        }
        try {
            ReadOnlyKeyValueStore<String, OrderFulfilment> store = runtime.streams().store(StoreQueryParameters
                    .fromNameAndType(WarehouseTopology.FULFILMENT_STORE,
                            QueryableStoreTypes.<String, OrderFulfilment>keyValueStore())
                    .withPartition(partitionOf(orderId)));
            return Optional.ofNullable(store.get(orderId));
        } catch (InvalidStateStoreException e) {
            throw new StockStoreQueries.StoreNotReady("the fulfilment store cannot be read right now: "
                    + e.getMessage());
        }
    }

    /** Every order-keyed input topic has ORDER_PARTITIONS partitions and the default partitioner. */
    static int partitionOf(String orderId) {
        return Utils.toPositive(Utils.murmur2(orderId.getBytes(StandardCharsets.UTF_8))) % TopicCatalog.ORDER_PARTITIONS;
    }
}
