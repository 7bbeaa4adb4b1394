package com.musiccorp.warehouse.stream;

import com.musiccorp.warehouse.domain.Decider;
import com.musiccorp.warehouse.domain.LineAnswer;
import com.musiccorp.warehouse.domain.SkuStock;
import com.musiccorp.warehouse.domain.SkuStockDecider;
import com.musiccorp.warehouse.domain.StockEvent;
import com.musiccorp.warehouse.domain.StockInput;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One live step of a SKU's stock: its state from {@code sku-stock-store}, the stock decider with the
 * input (goods in, a shelf correction, or an order's line request), the new state back, and the
 * {@link LineAnswer}s forwarded (keyed by SKU still; the topology re-keys them by order id).
 * Every reservation of a SKU is decided here, one at a time, so the last unit goes to one order.
 *
 * <p>On the node that reads warehouse.stock ({@code counting} given), a receipt or correction
 * already counted under its id is skipped ({@link CountedStockInputs}), and one the stock refuses is
 * thrown as {@link StockInputRefused} before anything is written: dead-lettered, never dropped unseen.
 */
final class DecideStock implements FixedKeyProcessor<String, StockInput, LineAnswer> {

    private static final Logger log = LoggerFactory.getLogger(DecideStock.class);
    private static final Decider<StockInput, StockEvent, SkuStock> DECIDER = SkuStockDecider.decider();
    /** How often expired receipt ids are forgotten (wall clock). */
    static final Duration FORGET_EVERY = Duration.ofMinutes(1);

    private final Duration receiptIdRetention;
    private FixedKeyProcessorContext<String, LineAnswer> context;
    private KeyValueStore<String, SkuStock> store;
    private CountedStockInputs counted;

    /**
     * @param receiptIdRetention how long a receipt's or correction's id is remembered; null on the node
     *                           for requests that are never answered (releases), which reads no receipts
     */
    DecideStock(Duration receiptIdRetention) {
        this.receiptIdRetention = receiptIdRetention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, LineAnswer> context) {
        this.context = context;
        this.store = context.getStateStore(WarehouseTopology.SKU_STOCK_STORE);
        if (receiptIdRetention != null) {
            counted = new CountedStockInputs(context.getStateStore(WarehouseTopology.COUNTED_STOCK_STORE),
                    context.getStateStore(WarehouseTopology.COUNTED_STOCK_EXPIRY_STORE), receiptIdRetention);
            context.schedule(FORGET_EVERY, PunctuationType.WALL_CLOCK_TIME,
                    now -> counted.forgetExpired(Instant.ofEpochMilli(now)));
        }
    }

    @Override
    public void process(FixedKeyRecord<String, StockInput> record) {
        StockInput input = record.value();
        String sku = input.sku();
        if (!sku.equals(record.key())) {
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the input's SKU '" + sku + "'");
        }
        if (input.countedAs().isPresent() && !countOnce(input)) {
            return;
        }
        SkuStock state = store.get(sku);
        if (state == null) {
            state = DECIDER.initialState().get();
        }
        Decider.Decision<StockEvent, SkuStock> decision = DECIDER.handle(state, input);
        for (StockEvent event : decision.events()) {
            if (event instanceof StockEvent.Refused refused) {
                throw new StockInputRefused(refused.inputType() + " for SKU " + sku + " refused: "
                        + refused.refusal().reason());
            }
        }
        if (input.countedAs().isPresent()) {
            counted.record(input);
        }
        if (!decision.state().equals(state)) {
            store.put(sku, decision.state());
        }
        for (StockEvent event : decision.events()) {
            if (event instanceof LineAnswer answer) {
                if (counted != null) {
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

    /** False for an input counted already (skipped, logged); throws for one that cannot be counted once. */
    private boolean countOnce(StockInput input) {
        if (counted == null) {
            throw new IllegalStateException("a receipt or correction reached the node for releases");
        }
        Optional<String> outside = counted.outsideRetention(input, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        if (outside.isPresent()) {
            throw new StockInputRefused(input.countedAs().get() + " for SKU " + input.sku() + " refused: "
                    + outside.get());
        }
        if (counted.contains(input)) {
            log.info("SKU {}: {} was counted already (event {}); not counted again", input.sku(),
                    input.countedAs().get(), input.metadata().getEventId());
            return false;
        }
        return true;
    }
}
