package com.musiccorp.orders.domain;

/** Where an order stands, as the orders context sees it from every context's events. */
public enum OrderStatus {
    /** Initial state: no {@code OrderPlaced} seen yet (events of other contexts may be waiting). */
    NOT_PLACED,
    PLACED,
    RESERVED,
    PAID,
    PACKED,
    DISPATCHED,
    /** The order failed (stock, payment, packing) and compensations are still arriving. */
    CANCELLING,
    /** Dispatch retries are exhausted; stays here until a dispatch succeeds or an operator cancels. */
    NEEDS_ATTENTION,
    COMPLETED,
    CANCELLED;

    /** Nothing changes a terminal order any more; late compensations are only recorded. */
    public boolean isTerminal() {
        return this == COMPLETED || this == CANCELLED;
    }
}
