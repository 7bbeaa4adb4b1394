package com.musiccorp.warehouse.domain;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.StockAdjusted;
import com.musiccorp.events.StockReceived;

/** What one SKU's stock reacts to: goods in, shelf corrections (warehouse.stock) and orders' requests. */
public sealed interface StockInput permits StockInput.Receive, StockInput.Adjust, LineRequest {
    EventMetadata metadata();

    /** Goods arrived (StockReceived on warehouse.stock). */
    record Receive(StockReceived event) implements StockInput {
        @Override
        public EventMetadata metadata() {
            return event.getMetadata();
        }
    }

    /** An operator corrected the shelf count (StockAdjusted on warehouse.stock). */
    record Adjust(StockAdjusted event) implements StockInput {
        @Override
        public EventMetadata metadata() {
            return event.getMetadata();
        }
    }
}
