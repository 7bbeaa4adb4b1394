package com.musiccorp.warehouse.domain;

import com.musiccorp.events.EventMetadata;

/**
 * What a SKU tells an order: its answer to a {@link LineRequest}, or units of the order's reservation
 * a shelf count found missing. Recorded by {@link SkuStock} (keyed by SKU) and
 * sent back, re-keyed by {@link #orderId()}, to the order's {@link OrderFulfilment}. Metadata is
 * derived from the request's, so the answer has the order's event time and a deterministic id.
 */
public sealed interface LineAnswer extends StockEvent, FulfilmentInput {
    String sku();

    /**
     * Units held for the line. {@code published}: the line was the order's only one and the SKU
     * published the order's {@code StockReserved} with this answer ({@link StockEvent.OrderReserved}),
     * so the order records it without publishing it again.
     */
    record LineReserved(String orderId, int lineNumber, String sku, int quantity, boolean published,
            EventMetadata metadata) implements LineAnswer {
    }

    /** Nothing held: the line asked for {@code requested} units when only {@code available} were free. */
    record LineShort(String orderId, int lineNumber, String sku, int requested, int available,
            EventMetadata metadata) implements LineAnswer {
        public int shortBy() {
            return requested - available;
        }
    }

    /**
     * Not an answer to a request: a shelf count found {@code units} of the order's reservation of the
     * SKU missing (see {@link SkuStock}). Sent when the count is made, so an order paid later packs
     * nothing short: it reports ItemNotFound instead.
     */
    record LineMissing(String orderId, String sku, int units, EventMetadata metadata) implements LineAnswer {
    }

    /**
     * The shelf's answer to an earlier version's {@link LineRequest.PickLine}: {@code picked} units found for the order, {@code missing} units
     * an operator's shelf correction took away from its reservation (missing &gt; 0 means ItemNotFound).
     */
    record LinePicked(String orderId, String sku, int picked, int missing, EventMetadata metadata)
            implements LineAnswer {
    }
}
