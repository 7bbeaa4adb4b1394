package com.musiccorp.warehouse.domain;

import com.musiccorp.events.MediaFormat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * @param shipped      units that left with a carrier, ever
 * @param recentInputs ids of the last {@value #DEDUP_WINDOW} inputs, to drop redeliveries (a
 *                     redelivery replays from the last commit, so it is always recent)
 */
public record SkuStock(String sku, Item item, int onHand, Map<String, Hold> holds, int shipped,
        List<UUID> recentInputs) {

    public static final int DEDUP_WINDOW = 256;

    public SkuStock {
        holds = Collections.unmodifiableMap(new LinkedHashMap<>(holds));
        recentInputs = List.copyOf(recentInputs);
    }

    public static SkuStock initial() {
        return new SkuStock(null, null, 0, Map.of(), 0, List.of());
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
            return lines.values().stream().mapToInt(Integer::intValue).sum();
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
        return holds.values().stream().mapToInt(Hold::held).sum();
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

    public boolean hasSeen(UUID inputId) {
        return recentInputs.contains(inputId);
    }

    SkuStock remembering(String factSku, UUID inputId) {
        var recent = new ArrayList<>(recentInputs);
        recent.add(inputId);
        if (recent.size() > DEDUP_WINDOW) {
            recent.subList(0, recent.size() - DEDUP_WINDOW).clear();
        }
        return new SkuStock(sku == null ? factSku : sku, item, onHand, holds, shipped, recent);
    }

    SkuStock withItem(Item newItem) {
        return new SkuStock(sku, newItem, onHand, holds, shipped, recentInputs);
    }

    SkuStock withOnHand(int newOnHand) {
        return new SkuStock(sku, item, newOnHand, holds, shipped, recentInputs);
    }

    SkuStock withHolds(Map<String, Hold> newHolds) {
        return new SkuStock(sku, item, onHand, newHolds, shipped, recentInputs);
    }

    SkuStock withShipped(int newShipped) {
        return new SkuStock(sku, item, onHand, holds, newShipped, recentInputs);
    }
}
