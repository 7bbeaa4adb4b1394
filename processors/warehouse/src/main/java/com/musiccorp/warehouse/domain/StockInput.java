package com.musiccorp.warehouse.domain;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.StockAdjusted;
import com.musiccorp.events.StockReceived;

import java.util.Optional;

/** What one SKU's stock reacts to: goods in, shelf corrections (warehouse.stock) and orders' requests. */
public sealed interface StockInput permits StockInput.Receive, StockInput.Adjust, LineRequest {
    EventMetadata metadata();

    /** The SKU whose stock decides this input (the record key it must arrive under). */
    String sku();

    /**
     * What makes this input the same one again, whatever its event id: a receipt is its receipt id,
     * a shelf correction its adjustment id, so a receipt sent twice (a retried request, the CLI
     * publishing the same receipt, a producer's retry) is counted once. Empty for an order's line
     * request, which is idempotent by what the order holds of the SKU.
     */
    default Optional<String> countedAs() {
        return Optional.empty();
    }

    /** Goods arrived (StockReceived on warehouse.stock). */
    record Receive(StockReceived event) implements StockInput {
        @Override
        public EventMetadata metadata() {
            return event.getMetadata();
        }

        @Override
        public String sku() {
            return event.getSku();
        }

        @Override
        public Optional<String> countedAs() {
            return Optional.of("receipt:" + event.getReceiptId());
        }
    }

    /** An operator corrected the shelf count (StockAdjusted on warehouse.stock). */
    record Adjust(StockAdjusted event) implements StockInput {
        @Override
        public EventMetadata metadata() {
            return event.getMetadata();
        }

        @Override
        public String sku() {
            return event.getSku();
        }

        @Override
        public Optional<String> countedAs() {
            return Optional.of("adjustment:" + event.getAdjustmentId());
        }
    }
}
