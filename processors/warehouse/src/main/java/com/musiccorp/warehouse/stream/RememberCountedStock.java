package com.musiccorp.warehouse.stream;

import com.musiccorp.warehouse.domain.StockEvent;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import java.time.Duration;

/**
 * After a SKU's step: records the id of each receipt or correction the step applied in
 * {@code counted-stock-store} (and its expiry), in the same task and transaction as the stock, so it
 * is counted exactly once. A refused input never reaches it (the step threw, nothing was forwarded).
 *
 * <p>Not part of the platform step: its {@code StateWatcher} is told of states, not of the input that
 * changed them, and the entry is keyed by the input's own id.
 */
final class RememberCountedStock implements FixedKeyProcessor<String, StockEvent, Void> {

    private final Duration retention;
    private CountedStockInputs counted;

    RememberCountedStock(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Void> context) {
        this.counted = CountedStockInputs.of(context, retention);
    }

    @Override
    public void process(FixedKeyRecord<String, StockEvent> record) {
        counted.record(record.value());
    }
}
