package com.musiccorp.warehouse.stream;

import com.musiccorp.platform.streams.DueTimeIndex;
import com.musiccorp.warehouse.domain.StockEvent;
import com.musiccorp.warehouse.domain.StockInput;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The receipts and shelf corrections each SKU counted, by their own ids (one rule for every way in:
 * HTTP, the CLI, any producer on warehouse.stock): {@code counted-stock-store} maps
 * {@code <sku>|receipt:<receiptId>} (or {@code adjustment:<adjustmentId>}) to the input's event time,
 * one small entry per receipt instead of a list inside the SKU's state. It is read before the SKU's
 * step ({@link SkipCountedStock}) and written from what the step applied ({@link RememberCountedStock}),
 * in the same task, and so the same transaction, as the stock it guards.
 *
 * <p>Bounded by time: an entry is kept for {@code retention} after the input's event time, indexed
 * by that expiry in {@code counted-stock-expiry-store} ({@link DueTimeIndex}), and a wall-clock
 * punctuator forgets what expired. An input whose event time is not within {@code retention} of the
 * warehouse's clock is refused, so an input is only ever counted while its entry exists: exactly
 * once, never twice after its entry was forgotten.
 */
final class CountedStockInputs {

    /** Entries forgotten per punctuation at most, so a large backlog never holds the stream thread long. */
    static final int FORGET_PER_ROUND = 10_000;

    private final KeyValueStore<String, String> counted;
    private final DueTimeIndex expiry;
    private final Duration retention;

    CountedStockInputs(KeyValueStore<String, String> counted, KeyValueStore<String, String> expiry,
            Duration retention) {
        this.counted = counted;
        this.expiry = new DueTimeIndex(expiry);
        this.retention = retention;
    }

    /** The counted inputs of the task {@code context} belongs to. */
    static CountedStockInputs of(ProcessingContext context, Duration retention) {
        return new CountedStockInputs(context.getStateStore(WarehouseTopology.COUNTED_STOCK_STORE),
                context.getStateStore(WarehouseTopology.COUNTED_STOCK_EXPIRY_STORE), retention);
    }

    /** Why the input cannot be counted exactly once at {@code now}, if it cannot. */
    Optional<String> outsideRetention(StockInput input, Instant now) {
        Instant at = input.metadata().getOccurredAt();
        if (!at.isAfter(now.minus(retention))) {
            return Optional.of("its event time " + at + " is more than " + retention
                    + " ago: its id is no longer remembered, so it could be counted twice");
        }
        if (at.isAfter(now.plus(retention))) {
            return Optional.of("its event time " + at + " is more than " + retention + " ahead of the warehouse's clock");
        }
        return Optional.empty();
    }

    boolean contains(StockInput input) {
        return keyOf(input).map(counted::get).isPresent();
    }

    void record(StockInput input) {
        keyOf(input).ifPresent(key -> {
            Instant at = input.metadata().getOccurredAt();
            counted.put(key, Long.toString(at.toEpochMilli()));
            expiry.move(Optional.empty(), Optional.of(DueTimeIndex.key(at.plus(retention), key)), key);
        });
    }

    /** Records the receipt or correction a SKU's step applied; other facts count nothing. */
    void record(StockEvent applied) {
        switch (applied) {
            case StockEvent.Received received -> record(new StockInput.Receive(received.source()));
            case StockEvent.ShelfCorrected corrected -> record(new StockInput.Adjust(corrected.source()));
            default -> {
            }
        }
    }

    /** Forgets the entries whose retention is over at {@code now}; returns how many. */
    int forgetExpired(Instant now) {
        var due = expiry.dueAt(now, FORGET_PER_ROUND);
        for (KeyValue<String, String> entry : due) {
            counted.delete(entry.value);
            expiry.forget(entry.key);
        }
        return due.size();
    }

    static Optional<String> keyOf(StockInput input) {
        return input.countedAs().map(id -> input.sku() + "|" + id);
    }
}
