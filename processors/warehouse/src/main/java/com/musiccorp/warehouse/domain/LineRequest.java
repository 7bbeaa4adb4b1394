package com.musiccorp.warehouse.domain;

import com.musiccorp.events.EventMetadata;

/**
 * What an order asks of one SKU's stock. The order side emits these (keyed by order id); the
 * topology re-keys them by {@link #sku()} so they reach the {@link SkuStock} that owns the units.
 * Each carries its own metadata, derived with {@code Causation.causedBy} from the order input that
 * caused it, so a redelivered request has the same event id and the stock side drops it.
 *
 * <p>{@link ReserveLine} is per order line; the others act on everything the order holds of the SKU
 * (an order may have several lines of one SKU).
 */
public sealed interface LineRequest extends StockInput, FulfilmentEvent {
    String orderId();

    String sku();

    EventMetadata metadata();

    /** Hold {@code quantity} units of {@code sku} for one order line. Answered by a {@link LineAnswer}. */
    record ReserveLine(String orderId, int lineNumber, String sku, int quantity, EventMetadata metadata)
            implements LineRequest {
    }

    /**
     * Take the order's held units off the shelf for packing ({@code quantity} = units the order holds
     * of the SKU). Answered by {@link LineAnswer.LinePicked}, which reports any shelf shortfall.
     */
    record PickLine(String orderId, String sku, int quantity, EventMetadata metadata) implements LineRequest {
    }

    /** Compensation: give back whatever the order holds of the SKU. Idempotent; not answered. */
    record ReleaseLine(String orderId, String sku, String reason, EventMetadata metadata) implements LineRequest {
    }

    /** At dispatch: the picked units leave the building (held becomes shipped). Not answered. */
    record ShipLine(String orderId, String sku, EventMetadata metadata) implements LineRequest {
    }
}
