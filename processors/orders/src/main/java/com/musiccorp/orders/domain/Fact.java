package com.musiccorp.orders.domain;

import com.musiccorp.events.DispatchDelayed;
import com.musiccorp.events.DispatchFailed;
import com.musiccorp.events.ItemNotFound;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderCompleted;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderPackaged;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentRefunded;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.PointsAwarded;
import com.musiccorp.events.StockInsufficient;
import com.musiccorp.events.StockReleased;
import com.musiccorp.events.StockReserved;
import org.apache.avro.specific.SpecificRecord;

/**
 * A kind of thing that happened to an order, one per event type the orders context folds. The
 * state remembers facts, not just a status, because events of different topics arrive in any order:
 * decisions are taken when the facts they need are all present.
 */
public enum Fact {
    PLACED(true, true, true),
    STOCK_RESERVED(true, false, true),
    STOCK_INSUFFICIENT(true, false, false),
    /** May happen more than once (e.g. the other lines of an order with an item not found). */
    STOCK_RELEASED(false, false, false),
    PAYMENT_TAKEN(true, false, true),
    PAYMENT_FAILED(true, false, false),
    PAYMENT_REFUNDED(true, false, false),
    PACKAGED(true, false, true),
    /** One per missing line. */
    ITEM_NOT_FOUND(false, false, false),
    /** One per failed dispatch attempt. */
    DISPATCH_DELAYED(false, false, false),
    /** Again after each operator-triggered retry that fails. */
    DISPATCH_FAILED(false, false, false),
    DISPATCHED(true, true, true),
    POINTS_AWARDED(true, true, true),
    COMPLETED(true, true, false),
    CANCELLED(true, true, false);

    /** A second event of the kind, with another event id, is an illegal transition. */
    final boolean onceOnly;
    /**
     * Illegal once the order is cancelled. The other facts may still arrive after a cancellation:
     * a context can act before it has read the {@code OrderCancelled}, and compensations follow it.
     */
    final boolean forbiddenAfterCancellation;

    /**
     * Every completed order had it, so it may still be read after the {@code OrderCompleted}: the
     * topics of different contexts are read in no defined order (a rebuild reads them all at once,
     * and a lagging partition does the same live), and the completion may be decided on the
     * dispatch and the points before the payment that preceded them is read.
     */
    final boolean partOfEveryCompletion;

    Fact(boolean onceOnly, boolean forbiddenAfterCancellation, boolean partOfEveryCompletion) {
        this.onceOnly = onceOnly;
        this.forbiddenAfterCancellation = forbiddenAfterCancellation;
        this.partOfEveryCompletion = partOfEveryCompletion;
    }

    /** The fact an event records, or null for events that do not change an order's state. */
    static Fact of(SpecificRecord event) {
        return switch (event) {
            case OrderPlaced e -> PLACED;
            case StockReserved e -> STOCK_RESERVED;
            case StockInsufficient e -> STOCK_INSUFFICIENT;
            case StockReleased e -> STOCK_RELEASED;
            case PaymentTaken e -> PAYMENT_TAKEN;
            case PaymentFailed e -> PAYMENT_FAILED;
            case PaymentRefunded e -> PAYMENT_REFUNDED;
            case OrderPackaged e -> PACKAGED;
            case ItemNotFound e -> ITEM_NOT_FOUND;
            case DispatchDelayed e -> DISPATCH_DELAYED;
            case DispatchFailed e -> DISPATCH_FAILED;
            case OrderDispatched e -> DISPATCHED;
            case PointsAwarded e -> POINTS_AWARDED;
            case OrderCompleted e -> COMPLETED;
            case OrderCancelled e -> CANCELLED;
            default -> null;
        };
    }
}
