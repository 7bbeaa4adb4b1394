package com.musiccorp.warehouse.domain;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.StockAdjusted;
import com.musiccorp.events.StockReceived;
import com.musiccorp.events.StockReserved;


/**
 * The facts one SKU's stock records. The {@link LineAnswer}s leave the SKU (back to the order), and
 * an {@link OrderReserved}'s event is published; the rest exist so the stock can be rebuilt by folding them.
 */
public sealed interface StockEvent permits StockEvent.Received, StockEvent.ShelfCorrected, LineAnswer,
        StockEvent.OrderReserved, StockEvent.LinePacked, StockEvent.LineReleased, StockEvent.LineShipped, StockEvent.Refused {

    String sku();

    /** Goods arrived: on hand grows by the receipt's quantity. */
    record Received(StockReceived source) implements StockEvent {
        @Override
        public String sku() {
            return source.getSku();
        }
    }

    /**
     * An operator's shelf correction as applied: on hand changes by {@code appliedDelta}. Units the
     * count found missing beyond the unreserved ones are marked on reservations, each a
     * {@link LineAnswer.LineMissing} decided with it.
     */
    record ShelfCorrected(StockAdjusted source, int appliedDelta) implements StockEvent {
        @Override
        public String sku() {
            return source.getSku();
        }
    }

    /**
     * The order packed its hold ({@code units}: all it asked for): off the shelf, into its package.
     * {@code missingTakenBack}: units a shelf count had marked missing from the hold before the
     * order, which had not heard of it yet, packed them; the package holds them, so the count is taken
     * back for them (on hand grows by as many).
     */
    record LinePacked(String orderId, String sku, int units, int missingTakenBack, EventMetadata metadata)
            implements StockEvent {
    }

    /** The order's hold went back to available stock ({@code quantity} units; missing ones are gone). */
    record LineReleased(String orderId, String sku, int quantity, EventMetadata metadata) implements StockEvent {
    }

    /**
     * The order's packed units left with the carrier: on hand and held both shrink by {@code quantity}.
     * A shipment that overtook its {@link LinePacked} (they travel different topics when the carrier's
     * answer is decided on the SKUs' answers) packs the hold too, and takes back {@code missingTakenBack}
     * like it.
     */
    record LineShipped(String orderId, String sku, int quantity, int missingTakenBack, EventMetadata metadata)
            implements StockEvent {
    }

    /**
     * An order of one line ({@link LineRequest.ReserveLine#onlyLine()}) is reserved: its
     * {@code StockReserved}, published by the SKU in the step that held the units, beside the
     * {@link LineAnswer.LineReserved} that tells the order. Changes nothing more of the stock.
     */
    record OrderReserved(String sku, StockReserved event) implements StockEvent {
    }

    /**
     * A receipt or shelf correction that breaks a bound ({@link StockLimits}): the stock is unchanged,
     * and the topology dead-letters the record with {@code refusal} as the reason, so it is never
     * dropped unseen. {@code inputType} is the refused event's type.
     */
    record Refused(String sku, String inputType, Refusal refusal) implements StockEvent {
    }
}
