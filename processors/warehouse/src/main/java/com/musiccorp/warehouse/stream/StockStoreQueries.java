package com.musiccorp.warehouse.stream;

import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.StreamsRuntime;
import com.musiccorp.warehouse.domain.SkuStock;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a SKU's stock from {@code sku-stock-store} and its holds from {@code sku-holds-store}, asking the SKU's own partition, so a partition
 * that is restoring or elsewhere is {@link StoreNotReady} (503), never "no such SKU" (404).
 */
public final class StockStoreQueries {

    private final StreamsRuntime runtime;

    public StockStoreQueries(StreamsRuntime runtime) {
        this.runtime = runtime;
    }

    public boolean isReady() {
        return runtime.isReady();
    }

    /**
     * The SKU's stock as stored under the SKU: its counts, whose totals count every hold, without
     * reading the holds ({@link #holds} pages through them); empty when nothing of it was ever
     * received or asked for.
     */
    public Optional<SkuStock> find(String sku) {
        return Optional.ofNullable(stocks(sku).get(sku));
    }

    /**
     * Up to {@code limit} of the holds on the shelf of SKU {@code sku}, whose {@code stock} {@link #find}
     * read, in order-id order, after order {@code after} (null: from the first).
     */
    public HoldsPage holds(String sku, SkuStock stock, String after, int limit) {
        try {
            return SkuStockStorage.holdsPage(sku, stock, runtime.streams().store(StoreQueryParameters
                    .fromNameAndType(WarehouseTopology.SKU_HOLDS_STORE,
                            QueryableStoreTypes.<String, SkuStock.Hold>keyValueStore())
                    .withPartition(partitionOf(sku))), after, limit);
        } catch (InvalidStateStoreException e) {
            throw new StoreNotReady("the stock store cannot be read right now: " + e.getMessage());
        }
    }

    private ReadOnlyKeyValueStore<String, SkuStock> stocks(String sku) {
        if (!runtime.isReady()) {
            throw new StoreNotReady("the stock store is not ready (Kafka Streams is " + runtime.state() + ")");
        }
        try {
            return runtime.streams().store(StoreQueryParameters
                    .fromNameAndType(WarehouseTopology.SKU_STOCK_STORE,
                            QueryableStoreTypes.<String, SkuStock>keyValueStore())
                    .withPartition(partitionOf(sku)));
        } catch (InvalidStateStoreException e) {
            throw new StoreNotReady("the stock store cannot be read right now: " + e.getMessage());
        }
    }

    /** warehouse.stock and line-requests both have SKU_PARTITIONS partitions, default partitioner. */
    static int partitionOf(String sku) {
        return Utils.toPositive(Utils.murmur2(sku.getBytes(StandardCharsets.UTF_8))) % TopicCatalog.SKU_PARTITIONS;
    }

    public static final class StoreNotReady extends RuntimeException {
        public StoreNotReady(String message) {
            super(message);
        }
    }
}
