package com.musiccorp.warehouse.stream;

import com.musiccorp.platform.streams.step.StateStorage;
import com.musiccorp.warehouse.domain.LineRequest;
import com.musiccorp.warehouse.domain.SkuStock;
import com.musiccorp.warehouse.domain.SkuStock.Hold;
import com.musiccorp.warehouse.domain.StockInput;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A SKU's stock as the SKU step keeps it: its counts and hold totals under the SKU in
 * {@code sku-stock-store}, and each order's hold as its own entry, {@code <sku>|<order id>}, in
 * {@code sku-holds-store}. A line request reads and writes only its order's hold, so its cost does
 * not grow with the orders in flight on the SKU (one value holding every hold was encoded and logged
 * whole on every request, and grew past a record's size on a popular SKU); a shelf correction reads
 * every hold (it marks the newest), a receipt none.
 *
 * <p>A stock written before holds had entries of their own still holds them: the first input that
 * reads it moves them out, in its own transaction.
 */
final class SkuStockStorage implements StateStorage<StockInput, SkuStock> {

    private KeyValueStore<String, SkuStock> stocks;
    private KeyValueStore<String, Hold> holds;

    @Override
    public void init(ProcessingContext context) {
        stocks = context.getStateStore(WarehouseTopology.SKU_STOCK_STORE);
        holds = context.getStateStore(WarehouseTopology.SKU_HOLDS_STORE);
    }

    @Override
    public SkuStock read(String sku, StockInput input) {
        SkuStock stored = stocks.get(sku);
        if (stored == null) {
            return null;
        }
        if (!stored.holds().isEmpty()) {
            write(sku, stored.withHoldsRead(Map.of()), stored); // its holds, moved to entries of their own
        }
        return switch (input) {
            case LineRequest request -> {
                Hold hold = holds.get(holdKey(sku, request.orderId()));
                yield stored.withHoldsRead(hold == null ? Map.of() : Map.of(request.orderId(), hold));
            }
            case StockInput.Adjust ignored -> stored.withHoldsRead(holdsOf(sku, holds));
            case StockInput.Receive ignored -> stored.withHoldsRead(Map.of());
        };
    }

    @Override
    public void write(String sku, SkuStock before, SkuStock after) {
        stocks.put(sku, after.withoutHolds());
        after.holds().forEach((orderId, hold) -> {
            if (!hold.equals(before.holds().get(orderId))) holds.put(holdKey(sku, orderId), hold);
        });
        for (String orderId : before.holds().keySet()) {
            if (!after.holds().containsKey(orderId)) holds.delete(holdKey(sku, orderId));
        }
    }

    /**
     * The SKU's stock with every hold, or null when it has none: the whole SKU, as a shelf correction
     * reads it (tests read it so); the stock's view pages through the holds instead ({@link #holdsPage}).
     */
    static SkuStock whole(String sku, ReadOnlyKeyValueStore<String, SkuStock> stocks,
            ReadOnlyKeyValueStore<String, Hold> holds) {
        SkuStock stored = stocks.get(sku);
        if (stored == null || !stored.holds().isEmpty()) {
            return stored; // none, or written before holds had entries of their own: whole already
        }
        return stored.withHoldsRead(holdsOf(sku, holds));
    }

    /**
     * Up to {@code limit} of the SKU's holds on the shelf (order id → units held), in order-id order,
     * after {@code after} (exclusive; null: from the first), read as a range of {@code sku-holds-store}:
     * a page costs the same whatever the SKU's other holds. {@code stored} is the SKU's value as read
     * already; one written with its holds inside is paged over those.
     */
    static HoldsPage holdsPage(String sku, SkuStock stored, ReadOnlyKeyValueStore<String, Hold> holds, String after,
            int limit) {
        if (stored == null) {
            return HoldsPage.NONE;
        }
        if (!stored.holds().isEmpty()) {
            return HoldsPage.first(new TreeMap<>(stored.holds()).tailMap(after == null ? "" : after, after == null)
                    .entrySet().iterator(), limit);
        }
        String prefix = holdKey(sku, "");
        // '\0' sorts before any character of an id, so "<sku>|<after>\0" is the first key after order
        // `after`'s hold; '}' follows '|', so "<sku>}" is past the SKU's last hold (ids hold neither).
        try (KeyValueIterator<String, Hold> entries = holds.range(
                after == null ? prefix : holdKey(sku, after) + "\0", sku + "}")) {
            return HoldsPage.first(new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return entries.hasNext();
                }

                @Override
                public Map.Entry<String, Hold> next() {
                    KeyValue<String, Hold> e = entries.next();
                    return Map.entry(e.key.substring(prefix.length()), e.value);
                }
            }, limit);
        }
    }

    /** Ids and SKUs never contain '|' ({@code ContractLimits.identifierProblem}), so a SKU's holds share its prefix alone. */
    static String holdKey(String sku, String orderId) {
        return sku + "|" + orderId;
    }

    private static Map<String, Hold> holdsOf(String sku, ReadOnlyKeyValueStore<String, Hold> holds) {
        String prefix = holdKey(sku, "");
        Map<String, Hold> all = new LinkedHashMap<>();
        try (var entries = holds.prefixScan(prefix, Serdes.String().serializer())) {
            entries.forEachRemaining(e -> all.put(e.key.substring(prefix.length()), e.value));
        }
        return all;
    }
}
