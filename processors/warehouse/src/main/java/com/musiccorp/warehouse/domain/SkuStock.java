package com.musiccorp.warehouse.domain;

import com.musiccorp.events.MediaFormat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stock of one SKU. Stock is partitioned by SKU, so every reservation of the SKU, whatever the
 * order, is decided here, one at a time: two orders can never both take the last unit.
 *
 * <p>Invariant: {@code reserved() + available() == onHand()} and {@code available() >= 0}, where
 * {@code onHand = received + applied adjustments - shipped}.
 *
 * @param sku          the SKU (null until the first fact names it)
 * @param item         what the SKU is, once goods were received (null before)
 * @param onHand       units in the building: on the shelf or picked into a package not yet shipped
 * @param holds        per order id, what the order holds of this SKU; in reservation order, because a
 *                     shelf shortfall takes units from the newest reservations first
 * @param shipped      units that left with a carrier, ever (a long: it only ever grows)
 *
 * <p>No input ids are kept here: receipts and adjustments are counted once by their own ids outside
 * this state (see the README, "Counting each receipt once"), and every line request is idempotent by
 * what the order holds (a held line, a picked hold, a hold gone once released or shipped).
 */
public record SkuStock(String sku, Item item, int onHand, Map<String, Hold> holds, long shipped) {

    public SkuStock {
        holds = Collections.unmodifiableMap(new LinkedHashMap<>(holds));
    }

    public static SkuStock initial() {
        return new SkuStock(null, null, 0, Map.of(), 0);
    }

    /** Catalogue data of the SKU, as on its latest receipt. */
    public record Item(String title, String artist, MediaFormat format) {
    }

    /**
     * What one order holds of this SKU.
     *
     * @param lines   order line number to units requested (a redelivered line is recognised here)
     * @param missing units of the hold that a shelf correction found missing
     * @param picked  whether the units were picked into the order's package
     */
    public record Hold(Map<Integer, Integer> lines, int missing, boolean picked) {
        public Hold {
            lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
        }

        public int requested() {
            int units = 0;
            for (int quantity : lines.values()) units += quantity; // a loop: every reservation sums every hold
            return units;
        }

        /** Units really held for the order (on the shelf or in its package). */
        public int held() {
            return requested() - missing;
        }

        Hold withLine(int lineNumber, int quantity) {
            var next = new LinkedHashMap<>(lines);
            next.put(lineNumber, quantity);
            return new Hold(next, missing, picked);
        }
    }

    /** Units held for orders. */
    public int reserved() {
        int units = 0;
        for (Hold hold : holds.values()) units += hold.held();
        return units;
    }

    /** Units an order can still reserve. */
    public int available() {
        return onHand - reserved();
    }

    /** Units reserved for orders that a shelf correction found missing (packing reports them). */
    public int missing() {
        return holds.values().stream().mapToInt(Hold::missing).sum();
    }

    /** Units on the shelf: on hand minus what is already packed. */
    public int onShelf() {
        return onHand - holds.values().stream().filter(Hold::picked).mapToInt(Hold::held).sum();
    }

    /** Held units per order id. */
    public Map<String, Integer> reservedByOrder() {
        var view = new LinkedHashMap<String, Integer>();
        holds.forEach((orderId, hold) -> view.put(orderId, hold.held()));
        return Collections.unmodifiableMap(view);
    }

    SkuStock named(String factSku) {
        return sku != null ? this : new SkuStock(factSku, item, onHand, holds, shipped);
    }

    SkuStock withItem(Item newItem) {
        return new SkuStock(sku, newItem, onHand, holds, shipped);
    }

    SkuStock withOnHand(int newOnHand) {
        return new SkuStock(sku, item, newOnHand, holds, shipped);
    }

    SkuStock withHolds(Map<String, Hold> newHolds) {
        return new SkuStock(sku, item, onHand, newHolds, shipped);
    }

    SkuStock withShipped(long newShipped) {
        return new SkuStock(sku, item, onHand, holds, newShipped);
    }
}
