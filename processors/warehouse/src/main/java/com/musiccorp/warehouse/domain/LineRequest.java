package com.musiccorp.warehouse.domain;

import com.musiccorp.events.EventMetadata;

/**
 * What an order asks of one SKU's stock. The order side emits these (keyed by order id); the
 * topology re-keys them by {@link #sku()} so they reach the {@link SkuStock} that owns the units.
 * Each carries its own metadata, derived with {@code Causation.causedBy} from the order input that
 * caused it, so a redelivered request has the same event id and the stock side drops it.
 *
 * <p>{@link ReserveLine} is per order line; the others act on everything the order holds of the SKU
 * (an order may have several lines of one SKU). Only a reservation is answered (and an earlier
 * version's {@link PickLine}). Each is decided once: they travel between the two
 * sides of the warehouse's own exactly-once topology, and the order side sends each at most once per
 * order and SKU (its stage moves on). While the hold is an entry, a reservation and a pack are also
 * idempotent by it (a held line is not held again; a packed hold is no entry, so it is not packed again).
 */
public sealed interface LineRequest extends StockInput, FulfilmentEvent {
    String orderId();

    String sku();

    EventMetadata metadata();

    /**
     * Hold {@code quantity} units of {@code sku} for one order line. Answered by a {@link LineAnswer}.
     * {@code onlyLine}: the order has no other line, so the SKU's answer decides the whole reservation,
     * and a SKU that holds the units publishes the order's {@code StockReserved} itself
     * ({@link StockEvent.OrderReserved}) instead of leaving it to the order's next step: one commit
     * fewer on the saga's path.
     */
    record ReserveLine(String orderId, int lineNumber, String sku, int quantity, boolean onlyLine,
            EventMetadata metadata) implements LineRequest {
    }

    /**
     * The order packed its held units of the SKU ({@code quantity}: every unit it holds of it). Not
     * answered: the order packs once paid, on its reservation, unless the SKU said units of it are
     * missing ({@link LineAnswer.LineMissing}, sent when a shelf count finds them). The SKU only moves
     * the units from its shelf into its packages.
     */
    record PackLine(String orderId, String sku, int quantity, EventMetadata metadata) implements LineRequest {
    }

    /**
     * Asked by an earlier version when paid (it then waited for the answer to pack): take the order's
     * held units off the shelf ({@code quantity} = units the order holds of the SKU). Answered by
     * {@link LineAnswer.LinePicked}, which reports any shelf shortfall; still answered for an order that
     * version left packing.
     */
    record PickLine(String orderId, String sku, int quantity, EventMetadata metadata) implements LineRequest {
    }

    /**
     * Compensation: give back whatever the order holds of the SKU. Not answered. Its hold, if the
     * SKU still keeps one (not packed, or packed short); otherwise {@code packedUnits}, the units of
     * the SKU in the order's package once packing began (0 before), since a hold packed whole leaves
     * the SKU's entries when packed and only the SKU's totals keep its units.
     */
    record ReleaseLine(String orderId, String sku, String reason, int packedUnits, EventMetadata metadata)
            implements LineRequest {
    }

    /**
     * At dispatch: the packed units leave the building (held becomes shipped). Not answered.
     * {@code quantity} is the units of the SKU in the package: a hold packed whole is no entry any
     * more, so the SKU takes them from its totals.
     */
    record ShipLine(String orderId, String sku, int quantity, EventMetadata metadata) implements LineRequest {
    }
}
