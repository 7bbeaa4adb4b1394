package com.musiccorp.warehouse.domain;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.StockAdjusted;
import com.musiccorp.events.StockReceived;
import com.musiccorp.events.StockReservation;
import com.musiccorp.platform.decider.Decider;
import com.musiccorp.schemas.Causation;
import com.musiccorp.warehouse.domain.LineAnswer.LineMissing;
import com.musiccorp.warehouse.domain.LineAnswer.LinePicked;
import com.musiccorp.warehouse.domain.LineAnswer.LineReserved;
import com.musiccorp.warehouse.domain.LineAnswer.LineShort;
import com.musiccorp.warehouse.domain.LineRequest.PackLine;
import com.musiccorp.warehouse.domain.LineRequest.PickLine;
import com.musiccorp.warehouse.domain.LineRequest.ReleaseLine;
import com.musiccorp.warehouse.domain.LineRequest.ReserveLine;
import com.musiccorp.warehouse.domain.LineRequest.ShipLine;
import com.musiccorp.warehouse.domain.SkuStock.Hold;
import com.musiccorp.warehouse.domain.SkuStock.Item;
import com.musiccorp.warehouse.domain.StockEvent.LineReleased;
import com.musiccorp.warehouse.domain.StockEvent.LineShipped;
import com.musiccorp.warehouse.domain.StockEvent.LinePacked;
import com.musiccorp.warehouse.domain.StockEvent.OrderReserved;
import com.musiccorp.warehouse.domain.StockEvent.Received;
import com.musiccorp.warehouse.domain.StockEvent.Refused;
import com.musiccorp.warehouse.domain.StockEvent.ShelfCorrected;
import com.musiccorp.warehouse.domain.StockInput.Adjust;
import com.musiccorp.warehouse.domain.StockInput.Receive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rules of one SKU's stock: receive, correct the shelf, reserve, pack, release, ship. */
public final class SkuStockDecider implements Decider<StockInput, StockEvent, SkuStock> {
    static final String PRODUCER = "warehouse";
    /** The rules hold no state of their own: one is enough. */
    private static final SkuStockDecider RULES = new SkuStockDecider();

    private SkuStockDecider() {
    }

    public static SkuStockDecider decider() {
        return RULES;
    }

    @Override
    public SkuStock initialState() {
        return SkuStock.initial();
    }

    /**
     * A receipt or correction is applied only within {@link StockLimits}, else {@link Refused}. Which
     * receipts and corrections were counted already is not this state's to know: the topology asks
     * before deciding (one entry per receipt id, see {@link StockInput#countedAs()}).
     */
    @Override
    public List<StockEvent> decide(StockInput input, SkuStock stock, Instant decidedAt) {
        return switch (input) {
            case Receive receive -> refusalOf(receive, stock)
                    .<List<StockEvent>>map(refusal -> List.of(new Refused(receive.sku(), "StockReceived", refusal)))
                    .orElseGet(() -> List.of(new Received(receive.event())));
            case Adjust adjust -> refusalOf(adjust, stock)
                    .<List<StockEvent>>map(refusal -> List.of(new Refused(adjust.sku(), "StockAdjusted", refusal)))
                    .orElseGet(() -> correctShelf(adjust.event(), stock, decidedAt));
            case ReserveLine request -> reserve(request, stock, decidedAt);
            case PackLine request -> pack(request, stock, decidedAt);
            case PickLine request -> pick(request, stock, decidedAt);
            case ReleaseLine request -> release(request, stock, decidedAt);
            case ShipLine request -> ship(request, stock, decidedAt);
        };
    }

    /** The first bound a receipt breaks, if any: its fields, then what the SKU can take. */
    public static Optional<Refusal> refusalOf(Receive receive, SkuStock stock) {
        StockReceived event = receive.event();
        List<Refusal> problems = StockLimits.ofReceipt(event.getSku(), event.getTitle(), event.getArtist(),
                event.getQuantity(), event.getReceiptId());
        return problems.isEmpty() ? StockLimits.ofStock(stock, "quantity", event.getQuantity())
                : Optional.of(problems.getFirst());
    }

    /** The first bound a shelf correction breaks, if any: its fields, then what the SKU can take. */
    public static Optional<Refusal> refusalOf(Adjust adjust, SkuStock stock) {
        StockAdjusted event = adjust.event();
        List<Refusal> problems = StockLimits.ofAdjustment(event.getSku(), event.getQuantityDelta(), event.getReason(),
                event.getAdjustmentId());
        return problems.isEmpty() ? StockLimits.ofStock(stock, "quantityDelta", event.getQuantityDelta())
                : Optional.of(problems.getFirst());
    }

    /**
     * All or nothing per line: either every unit asked for is held, or none and the line is short. The
     * only line of an order held is the order's whole reservation: its {@code StockReserved} is
     * published here, with the answer, rather than by the order's step on reading the answer (one
     * commit fewer before payments can charge). A short line goes back to the order, whose
     * {@code StockInsufficient} carries the order's details, which the SKU does not have.
     */
    private static List<StockEvent> reserve(ReserveLine request, SkuStock stock, Instant decidedAt) {
        Hold hold = stock.holds().get(request.orderId());
        if (hold != null && hold.lines().containsKey(request.lineNumber())) {
            return List.of(); // the line is already held: a redelivery under another id
        }
        int available = stock.available();
        if (request.quantity() <= available) {
            var reserved = new LineReserved(request.orderId(), request.lineNumber(), request.sku(),
                    request.quantity(), request.onlyLine(),
                    answerTo(request.metadata(), StockReservedEvent.LINE_RESERVED, 0, decidedAt));
            if (!request.onlyLine()) {
                return List.of(reserved);
            }
            // The request's cause is the order's OrderPlaced, which the event names as its own.
            return List.of(reserved, new OrderReserved(request.sku(), StockReservedEvent.of(request.orderId(),
                    List.of(new StockReservation(request.lineNumber(), request.sku(), request.quantity())),
                    reserved.metadata(), request.metadata().getCausationId(), decidedAt)));
        }
        return List.of(new LineShort(request.orderId(), request.lineNumber(), request.sku(), request.quantity(),
                available, answerTo(request.metadata(), "LineShort", 0, decidedAt)));
    }

    /**
     * The order packed what it holds; a hold packed already (or released, or packed by a shipment
     * that overtook this request) is nothing more.
     */
    private static List<StockEvent> pack(PackLine request, SkuStock stock, Instant decidedAt) {
        Hold hold = stock.holds().get(request.orderId());
        if (hold == null || hold.picked()) {
            return List.of();
        }
        return List.of(new LinePacked(request.orderId(), request.sku(), hold.requested(), hold.missing(),
                answerTo(request.metadata(), "LinePacked", 0, decidedAt)));
    }

    /** An earlier version's pick, answered as then: what was found and what a shelf count marked missing. */
    private static List<StockEvent> pick(PickLine request, SkuStock stock, Instant decidedAt) {
        Hold hold = stock.holds().get(request.orderId());
        EventMetadata metadata = answerTo(request.metadata(), "LinePicked", 0, decidedAt);
        if (hold == null) {
            // Nothing held (released meanwhile): nothing of it can be found for this order.
            return List.of(new LinePicked(request.orderId(), request.sku(), 0, request.quantity(), metadata));
        }
        if (hold.picked()) {
            return List.of();
        }
        return List.of(new LinePicked(request.orderId(), request.sku(), hold.held(), hold.missing(), metadata));
    }

    /** The order's hold, if the SKU keeps one; else the units of its package (a hold packed whole). */
    private static List<StockEvent> release(ReleaseLine request, SkuStock stock, Instant decidedAt) {
        Hold hold = stock.holds().get(request.orderId());
        if (hold == null && request.packedUnits() == 0) {
            return List.of();
        }
        int units = hold != null ? hold.held() : fromPackages(request.packedUnits(), stock, request);
        return List.of(new LineReleased(request.orderId(), request.sku(), units,
                answerTo(request.metadata(), "LineReleased", 0, decidedAt)));
    }

    /**
     * Only what was packed can ship: a hold packed whole is in the totals only; a hold still an entry
     * is shipped whole (its {@link PackLine} is still on its way), or, picked by an earlier version,
     * with what its pick found.
     */
    private static List<StockEvent> ship(ShipLine request, SkuStock stock, Instant decidedAt) {
        Hold hold = stock.holds().get(request.orderId());
        if (hold == null && request.quantity() == 0) {
            return List.of();
        }
        // A hold not yet packed ships all it asked for: the units a count marked missing are in the package.
        int takenBack = hold == null || hold.picked() ? 0 : hold.missing();
        int units = hold == null ? fromPackages(request.quantity(), stock, request) : hold.held() + takenBack;
        return List.of(new LineShipped(request.orderId(), request.sku(), units, takenBack,
                answerTo(request.metadata(), "LineShipped", 0, decidedAt)));
    }

    /**
     * Units of a package the SKU no longer keeps a hold for. More than the SKU's packages hold means
     * a request that does not belong to this stock: it is refused whole (dead-lettered), never applied.
     */
    private static int fromPackages(int units, SkuStock stock, LineRequest request) {
        if (units < 0 || units > stock.totals().packed()) {
            throw new IllegalStateException(request.getClass().getSimpleName() + " of order " + request.orderId()
                    + " names " + units + " packed unit(s) of " + request.sku() + ", whose packages hold "
                    + stock.totals().packed());
        }
        return units;
    }

    /**
     * Units missing from the shelf first come out of unreserved stock, so available never goes
     * negative. If the shelf has fewer units than are reserved, the rest is marked missing on the
     * newest unpicked reservations (they are furthest from the door), and each of their orders is
     * told at once ({@link LineMissing}): paid, it reports ItemNotFound instead of packing. Packed
     * units are not on the shelf: a count that misses more than the shelf holds is refused before
     * this ({@link StockLimits#ofStock}).
     */
    private static List<StockEvent> correctShelf(StockAdjusted adjustment, SkuStock stock, Instant decidedAt) {
        int delta = adjustment.getQuantityDelta();
        if (delta > 0) {
            return List.of(new ShelfCorrected(adjustment, delta));
        }
        int missing = -delta;
        int fromReservations = missing - Math.min(missing, stock.available());
        var facts = new ArrayList<StockEvent>();
        facts.add(new ShelfCorrected(adjustment, -missing));
        var newestFirst = new ArrayList<>(stock.holds().entrySet());
        newestFirst.sort(Comparator.comparingLong((Map.Entry<String, Hold> e) -> e.getValue().sequence()).reversed());
        for (var entry : newestFirst) {
            if (fromReservations == 0) {
                break;
            }
            Hold hold = entry.getValue();
            int taken = hold.picked() ? 0 : Math.min(fromReservations, hold.held());
            if (taken > 0) {
                facts.add(new LineMissing(entry.getKey(), adjustment.getSku(), taken,
                        answerTo(adjustment.getMetadata(), "LineMissing", facts.size(), decidedAt)));
                fromReservations -= taken;
            }
        }
        return facts;
    }

    @Override
    public SkuStock evolve(SkuStock before, StockEvent event) {
        if (event instanceof Refused) {
            return before;
        }
        SkuStock stock = before.named(event.sku());
        return switch (event) {
            case Received received -> stock
                    .withItem(new Item(received.source().getTitle(), received.source().getArtist(),
                            received.source().getFormat()))
                    .withOnHand(stock.onHand() + received.source().getQuantity());
            case ShelfCorrected corrected -> stock.withOnHand(stock.onHand() + corrected.appliedDelta());
            case LineMissing missing -> {
                Hold hold = stock.holds().get(missing.orderId());
                yield hold == null ? stock : stock.withHold(missing.orderId(), hold.withMissing(missing.units()));
            }
            case LineReserved reserved -> {
                Hold hold = stock.holds().getOrDefault(reserved.orderId(), new Hold(Map.of(), 0, false));
                yield stock.withHold(reserved.orderId(), hold.withLine(reserved.lineNumber(), reserved.quantity()));
            }
            case LineShort ignored -> stock;
            case OrderReserved ignored -> stock; // the hold is the LineReserved's
            case LinePicked picked -> {
                Hold hold = stock.holds().get(picked.orderId());
                if (hold == null) {
                    yield stock;
                }
                // Packed whole, the hold needs no entry: its units stay held and packed in the totals
                // until the package ships or comes back. Packed short, it stays for the release.
                yield hold.missing() == 0 ? stock.packedWhole(picked.orderId())
                        : stock.withHold(picked.orderId(), new Hold(hold.lines(), hold.missing(), true, hold.sequence()));
            }
            case LinePacked packed -> stock.takingBack(packed.orderId(), packed.missingTakenBack())
                    .packedWhole(packed.orderId());
            case Refused ignored -> stock;
            case LineReleased released -> stock.holds().containsKey(released.orderId())
                    ? stock.withHold(released.orderId(), null) : stock.unpacked(released.quantity());
            case LineShipped shippedLine -> {
                SkuStock counted = stock.takingBack(shippedLine.orderId(), shippedLine.missingTakenBack());
                yield (counted.holds().containsKey(shippedLine.orderId())
                        ? counted.withHold(shippedLine.orderId(), null) : counted.unpacked(shippedLine.quantity()))
                        .withOnHand(counted.onHand() - shippedLine.quantity())
                        .withShipped(counted.shipped() + shippedLine.quantity());
            }
        };
    }

    /** A SKU's answer to a line request or a count, decided at {@code decidedAt}; its id derives from the input. */
    private static EventMetadata answerTo(EventMetadata input, String answerType, int index, Instant decidedAt) {
        return Causation.causedBy(input, PRODUCER, answerType, index, decidedAt);
    }
}
