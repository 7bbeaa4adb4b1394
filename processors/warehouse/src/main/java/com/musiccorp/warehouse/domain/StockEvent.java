package com.musiccorp.warehouse.domain;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.StockAdjusted;
import com.musiccorp.events.StockReceived;

import java.util.List;
import java.util.UUID;

/**
 * The facts one SKU's stock records. Only the {@link LineAnswer}s leave the SKU (back to the order);
 * the rest exist so the stock can be rebuilt by folding them.
 */
public sealed interface StockEvent permits StockEvent.Received, StockEvent.ShelfCorrected, LineAnswer,
        StockEvent.LineReleased, StockEvent.LineShipped {

    String sku();

    /** Id of the input this fact answers; the stock remembers it to drop a redelivery. */
    UUID inputId();

    /** Goods arrived: on hand grows by the receipt's quantity. */
    record Received(StockReceived source) implements StockEvent {
        @Override
        public String sku() {
            return source.getSku();
        }

        @Override
        public UUID inputId() {
            return source.getMetadata().getEventId();
        }
    }

    /**
     * An operator's shelf correction as applied. {@code appliedDelta} can be smaller (in size) than the
     * requested delta: units already picked for a package are not on the shelf and cannot go missing
     * from it. {@code marked} names the orders whose reservations lost units to the correction.
     */
    record ShelfCorrected(StockAdjusted source, int appliedDelta, List<MissingUnits> marked) implements StockEvent {
        public ShelfCorrected {
            marked = List.copyOf(marked);
        }

        @Override
        public String sku() {
            return source.getSku();
        }

        @Override
        public UUID inputId() {
            return source.getMetadata().getEventId();
        }
    }

    /** Units of one order's reservation that turned out not to be on the shelf. */
    record MissingUnits(String orderId, int quantity) {
    }

    /** The order's hold went back to available stock ({@code quantity} units; missing ones are gone). */
    record LineReleased(String orderId, String sku, int quantity, EventMetadata metadata) implements StockEvent {
        @Override
        public UUID inputId() {
            return causeOf(metadata);
        }
    }

    /** The order's picked units left with the carrier: on hand and held both shrink by {@code quantity}. */
    record LineShipped(String orderId, String sku, int quantity, EventMetadata metadata) implements StockEvent {
        @Override
        public UUID inputId() {
            return causeOf(metadata);
        }
    }

    static UUID causeOf(EventMetadata metadata) {
        return UUID.fromString(metadata.getCausationId());
    }
}
