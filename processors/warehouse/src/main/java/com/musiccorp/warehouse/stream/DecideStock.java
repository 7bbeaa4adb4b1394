package com.musiccorp.warehouse.stream;

import com.musiccorp.warehouse.domain.Decider;
import com.musiccorp.warehouse.domain.LineAnswer;
import com.musiccorp.warehouse.domain.SkuStock;
import com.musiccorp.warehouse.domain.SkuStockDecider;
import com.musiccorp.warehouse.domain.StockEvent;
import com.musiccorp.warehouse.domain.StockInput;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live step of a SKU's stock: its state from {@code sku-stock-store}, the stock decider with the
 * input (goods in, a shelf correction, or an order's line request), the new state back, and the
 * {@link LineAnswer}s forwarded (keyed by SKU still; the topology re-keys them by order id).
 * Every reservation of a SKU is decided here, one at a time, so the last unit goes to one order.
 */
final class DecideStock implements FixedKeyProcessor<String, StockInput, LineAnswer> {

    private static final Logger log = LoggerFactory.getLogger(DecideStock.class);
    private static final Decider<StockInput, StockEvent, SkuStock> DECIDER = SkuStockDecider.decider();

    private final boolean answersExpected;
    private FixedKeyProcessorContext<String, LineAnswer> context;
    private KeyValueStore<String, SkuStock> store;

    /** @param answersExpected false on the node for requests that are never answered (releases) */
    DecideStock(boolean answersExpected) {
        this.answersExpected = answersExpected;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, LineAnswer> context) {
        this.context = context;
        this.store = context.getStateStore(WarehouseTopology.SKU_STOCK_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, StockInput> record) {
        StockInput input = record.value();
        String sku = skuOf(input);
        if (!sku.equals(record.key())) {
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the input's SKU '" + sku + "'");
        }
        SkuStock state = store.get(sku);
        if (state == null) {
            state = DECIDER.initialState().get();
        }
        Decider.Decision<StockEvent, SkuStock> decision = DECIDER.handle(state, input);
        if (!decision.state().equals(state)) {
            store.put(sku, decision.state());
        }
        for (StockEvent event : decision.events()) {
            if (event instanceof LineAnswer answer) {
                if (answersExpected) {
                    context.forward(record.withValue(answer)
                            .withTimestamp(answer.metadata().getOccurredAt().toEpochMilli())
                            .withHeaders(new RecordHeaders()));
                } else {
                    log.warn("Dropping {} for order {}: requests on this path are never answered",
                            answer.getClass().getSimpleName(), answer.orderId());
                }
            }
        }
    }

    static String skuOf(StockInput input) {
        return switch (input) {
            case StockInput.Receive receive -> receive.event().getSku();
            case StockInput.Adjust adjust -> adjust.event().getSku();
            case com.musiccorp.warehouse.domain.LineRequest request -> request.sku();
        };
    }
}
