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
 * <p>A SKU holds units for every order in flight that asked for it, so its holds grow with the orders
 * in flight (a popular record, a carrier outage). Their sums are kept in {@link #totals}, which is all
 * a reservation, a receipt or the stock's view needs; {@link #holds} holds the holds this state was
 * read with: every one when the state is folded from its facts, only the asking order's when the
 * warehouse decides a line request (the topology keeps each hold as its own entry), every one for a
 * shelf correction, which marks the newest.
 *
 * @param sku     the SKU (null until the first fact names it)
 * @param item    what the SKU is, once goods were received (null before)
 * @param onHand  units in the building: on the shelf or packed into a package not yet shipped
 * @param totals  the sums over every hold of the SKU (packed whole ones included), and how many holds it ever made
 * @param holds   per order id, what the order holds of this SKU on the shelf (see above which ones;
 *                a hold packed whole is no entry: its units are in the totals until shipped or released)
 * @param shipped units that left with a carrier, ever (a long: it only ever grows)
 *
 * <p>No input ids are kept here: receipts and adjustments are counted once by their own ids outside
 * this state (see the README, "Counting each receipt once"), and every line request is decided once
 * (see {@link LineRequest}).
 */
public record SkuStock(String sku, Item item, int onHand, HoldTotals totals, Map<String, Hold> holds, long shipped) {

    public SkuStock {
        holds = Collections.unmodifiableMap(new LinkedHashMap<>(holds));
        if (totals == null) { // written before the totals were kept: its holds were all of them
            var numbered = new LinkedHashMap<String, Hold>();
            holds.forEach((orderId, hold) -> numbered.put(orderId, hold.numbered(numbered.size() + 1)));
            holds = Collections.unmodifiableMap(numbered);
            totals = HoldTotals.of(holds.values());
        }
    }

    /** The stock with every one of its holds: the totals are their sums. */
    public SkuStock(String sku, Item item, int onHand, Map<String, Hold> holds, long shipped) {
        this(sku, item, onHand, null, holds, shipped);
    }

    public static SkuStock initial() {
        return new SkuStock(null, null, 0, HoldTotals.NONE, Map.of(), 0);
    }

    /** Catalogue data of the SKU, as on its latest receipt. */
    public record Item(String title, String artist, MediaFormat format) {
    }

    /**
     * Sums over every hold of a SKU.
     *
     * @param held    units held (requested minus missing)
     * @param missing units of holds that a shelf correction found missing
     * @param packed  units held by packed holds (in a package, off the shelf)
     * @param made    holds the SKU ever made: the next one's {@link Hold#sequence()}
     */
    public record HoldTotals(int held, int missing, int packed, long made) {
        public static final HoldTotals NONE = new HoldTotals(0, 0, 0, 0);

        static HoldTotals of(Iterable<Hold> holds) {
            HoldTotals totals = NONE;
            long made = 0;
            for (Hold hold : holds) {
                totals = totals.replacing(null, hold);
                made = Math.max(made, hold.sequence());
            }
            return new HoldTotals(totals.held, totals.missing, totals.packed, made);
        }

        /** The sums once {@code before} (null: none) is replaced by {@code after} (null: none). */
        HoldTotals replacing(Hold before, Hold after) {
            return new HoldTotals(held - heldBy(before) + heldBy(after), missing - missingOf(before) + missingOf(after),
                    packed - packedBy(before) + packedBy(after), made);
        }

        HoldTotals madeOne() {
            return new HoldTotals(held, missing, packed, made + 1);
        }

        private static int heldBy(Hold hold) {
            return hold == null ? 0 : hold.held();
        }

        private static int missingOf(Hold hold) {
            return hold == null ? 0 : hold.missing();
        }

        private static int packedBy(Hold hold) {
            return hold == null || !hold.picked() ? 0 : hold.held();
        }
    }

    /**
     * What one order holds of this SKU.
     *
     * @param lines    order line number to units requested (a redelivered line is recognised here)
     * @param missing  units of the hold that a shelf correction found missing
     * @param picked   whether an earlier version's pick put the units in the order's package (a hold
     *                 packed now is no entry)
     * @param sequence the SKU's how-manyth hold this is (a shelf shortfall takes the newest first)
     */
    public record Hold(Map<Integer, Integer> lines, int missing, boolean picked, long sequence) {
        public Hold {
            lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
        }

        public Hold(Map<Integer, Integer> lines, int missing, boolean picked) {
            this(lines, missing, picked, 0);
        }

        public int requested() {
            int units = 0;
            for (int quantity : lines.values()) units += quantity;
            return units;
        }

        /** Units really held for the order (on the shelf or in its package). */
        public int held() {
            return requested() - missing;
        }

        Hold withLine(int lineNumber, int quantity) {
            var next = new LinkedHashMap<>(lines);
            next.put(lineNumber, quantity);
            return new Hold(next, missing, picked, sequence);
        }

        /** The same hold with {@code units} of it (more, or fewer when negative) found missing. */
        Hold withMissing(int units) {
            return new Hold(lines, missing + units, picked, sequence);
        }

        Hold numbered(long newSequence) {
            return new Hold(lines, missing, picked, newSequence);
        }
    }

    /** Units held for orders. */
    public int reserved() {
        return totals.held();
    }

    /** Units an order can still reserve. */
    public int available() {
        return onHand - reserved();
    }

    /** Units reserved for orders that a shelf correction found missing (packing reports them). */
    public int missing() {
        return totals.missing();
    }

    /** Units held in packages waiting for a carrier: off the shelf, not yet shipped. */
    public int packed() {
        return totals.packed();
    }

    /** Units on the shelf: on hand minus what is already packed. */
    public int onShelf() {
        return onHand - totals.packed();
    }

    /**
     * Held units per order id, of the holds this state was read with, oldest first: the holds on
     * the shelf (a hold packed whole is in {@link #packed()} only).
     */
    public Map<String, Integer> reservedByOrder() {
        var view = new LinkedHashMap<String, Integer>();
        holds.entrySet().stream().sorted(Map.Entry.comparingByValue(java.util.Comparator.comparingLong(Hold::sequence)))
                .forEach(e -> view.put(e.getKey(), e.getValue().held()));
        return Collections.unmodifiableMap(view);
    }

    /** The same stock without its holds: what is stored under the SKU (each hold is stored on its own). */
    public SkuStock withoutHolds() {
        return holds.isEmpty() ? this : new SkuStock(sku, item, onHand, totals, Map.of(), shipped);
    }

    /** The same stock read with {@code readHolds} (holds of this SKU, as stored). */
    public SkuStock withHoldsRead(Map<String, Hold> readHolds) {
        return new SkuStock(sku, item, onHand, totals, readHolds, shipped);
    }

    SkuStock named(String factSku) {
        return sku != null ? this : new SkuStock(factSku, item, onHand, totals, holds, shipped);
    }

    SkuStock withItem(Item newItem) {
        return new SkuStock(sku, newItem, onHand, totals, holds, shipped);
    }

    SkuStock withOnHand(int newOnHand) {
        return new SkuStock(sku, item, newOnHand, totals, holds, shipped);
    }

    /** The order's hold replaced by {@code next} (null: gone), the totals with it; a new hold is numbered. */
    SkuStock withHold(String orderId, Hold next) {
        Hold before = holds.get(orderId);
        var nextHolds = new LinkedHashMap<>(holds);
        HoldTotals nextTotals = totals;
        if (next == null) {
            nextHolds.remove(orderId);
        } else {
            if (before == null) {
                nextTotals = nextTotals.madeOne();
                next = next.numbered(nextTotals.made());
            }
            nextHolds.put(orderId, next);
        }
        return new SkuStock(sku, item, onHand, nextTotals.replacing(before, next), nextHolds, shipped);
    }

    /**
     * The order's hold, packed whole, no longer an entry: its units stay held (and so not available)
     * and count as packed in the totals, until {@link #unpacked} takes them out at shipping or release.
     */
    SkuStock packedWhole(String orderId) {
        Hold hold = holds.get(orderId);
        var nextHolds = new LinkedHashMap<>(holds);
        nextHolds.remove(orderId);
        HoldTotals next = new HoldTotals(totals.held(), totals.missing(), totals.packed() + hold.held(), totals.made());
        return new SkuStock(sku, item, onHand, next, nextHolds, shipped);
    }

    /**
     * {@code units} a shelf count marked missing from the order's hold taken back: its order packed
     * them before it heard of the count, so they were on the shelf after all (on hand and held grow by
     * as many, available stays).
     */
    SkuStock takingBack(String orderId, int units) {
        Hold hold = holds.get(orderId);
        if (units == 0 || hold == null) {
            return this;
        }
        return withHold(orderId, hold.withMissing(-units)).withOnHand(onHand + units);
    }

    /** {@code units} of packages held whole, out of the totals: shipped or given back. */
    SkuStock unpacked(int units) {
        HoldTotals next = new HoldTotals(totals.held() - units, totals.missing(), totals.packed() - units, totals.made());
        return new SkuStock(sku, item, onHand, next, holds, shipped);
    }

    SkuStock withShipped(long newShipped) {
        return new SkuStock(sku, item, onHand, totals, holds, newShipped);
    }
}
