package com.musiccorp.warehouse.domain;

import com.musiccorp.events.EventMetadata;

/**
 * A SKU's answer to an order's {@link LineRequest}. Recorded by {@link SkuStock} (keyed by SKU) and
 * sent back, re-keyed by {@link #orderId()}, to the order's {@link OrderFulfilment}. Metadata is
 * derived from the request's, so the answer has the order's event time and a deterministic id.
 */
public sealed interface LineAnswer extends StockEvent, FulfilmentInput {
    String sku();

    /** Units held for the line. */
    record LineReserved(String orderId, int lineNumber, String sku, int quantity, EventMetadata metadata)
            implements LineAnswer {
    }

    /** Nothing held: the line asked for {@code requested} units when only {@code available} were free. */
    record LineShort(String orderId, int lineNumber, String sku, int requested, int available,
            EventMetadata metadata) implements LineAnswer {
        public int shortBy() {
            return requested - available;
        }
    }

    /**
     * The shelf's answer when packing: {@code picked} units found for the order, {@code missing} units
     * an operator's shelf correction took away from its reservation (missing &gt; 0 means ItemNotFound).
     */
    record LinePicked(String orderId, String sku, int picked, int missing, EventMetadata metadata)
            implements LineAnswer {
    }
}
