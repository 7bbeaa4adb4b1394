package com.musiccorp.warehouse.domain;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.StockAdjusted;
import com.musiccorp.events.StockReceived;

import java.util.List;

/**
 * The facts one SKU's stock records. Only the {@link LineAnswer}s leave the SKU (back to the order);
 * the rest exist so the stock can be rebuilt by folding them.
 */
public sealed interface StockEvent permits StockEvent.Received, StockEvent.ShelfCorrected, LineAnswer,
        StockEvent.LineReleased, StockEvent.LineShipped, StockEvent.Refused {

    String sku();

    /** Goods arrived: on hand grows by the receipt's quantity. */
    record Received(StockReceived source) implements StockEvent {
        @Override
        public String sku() {
            return source.getSku();
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
    }

    /** Units of one order's reservation that turned out not to be on the shelf. */
    record MissingUnits(String orderId, int quantity) {
    }

    /** The order's hold went back to available stock ({@code quantity} units; missing ones are gone). */
    record LineReleased(String orderId, String sku, int quantity, EventMetadata metadata) implements StockEvent {
    }

    /** The order's picked units left with the carrier: on hand and held both shrink by {@code quantity}. */
    record LineShipped(String orderId, String sku, int quantity, EventMetadata metadata) implements StockEvent {
    }

    /**
     * A receipt or shelf correction that breaks a bound ({@link StockLimits}): the stock is unchanged,
     * and the topology dead-letters the record with {@code refusal} as the reason, so it is never
     * dropped unseen. {@code inputType} is the refused event's type.
     */
    record Refused(String sku, String inputType, Refusal refusal) implements StockEvent {
    }
}
