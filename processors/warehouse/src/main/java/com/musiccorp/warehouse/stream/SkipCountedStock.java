package com.musiccorp.warehouse.stream;

import com.musiccorp.warehouse.domain.StockInput;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Before a SKU's step, on what warehouse.stock brings: a receipt or correction counted already under
 * its id is skipped (logged), and one whose event time is outside the retention is refused
 * ({@link StockInputRefused}: dead-lettered), because its id may no longer be remembered. It writes
 * nothing: {@link RememberCountedStock} records an id once the step applied its input.
 *
 * <p>Not part of the platform step: its {@code Inputs} see neither a store nor the clock, so a look-up
 * of the input's own id in another store cannot happen there.
 */
final class SkipCountedStock implements FixedKeyProcessor<String, StockInput, StockInput> {

    private static final Logger log = LoggerFactory.getLogger(SkipCountedStock.class);

    private final Duration retention;
    private FixedKeyProcessorContext<String, StockInput> context;
    private CountedStockInputs counted;

    SkipCountedStock(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, StockInput> context) {
        this.context = context;
        this.counted = CountedStockInputs.of(context, retention);
    }

    @Override
    public void process(FixedKeyRecord<String, StockInput> record) {
        StockInput input = record.value();
        String countedAs = input.countedAs()
                .orElseThrow(() -> new IllegalStateException("only receipts and corrections come from warehouse.stock"));
        Optional<String> outside = counted.outsideRetention(input, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        if (outside.isPresent()) {
            throw new StockInputRefused(countedAs + " for SKU " + input.sku() + " refused: " + outside.get());
        }
        if (counted.contains(input)) {
            log.info("SKU {}: {} was counted already (event {}); not counted again", input.sku(), countedAs,
                    input.metadata().getEventId());
            return;
        }
        context.forward(record);
    }
}
