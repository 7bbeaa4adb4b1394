package com.musiccorp.warehouse.domain;

/** Where an order stands in the warehouse. */
public enum FulfilmentStatus {
    /** Nothing known about the order yet. */
    NEW,
    /** Each line was sent to its SKU; gathering the answers. */
    AWAITING_LINES,
    /** Every line is held; waiting for payment. */
    RESERVED,
    /** Some line was short; the held lines were released. Final. */
    INSUFFICIENT,
    /** Paid; each SKU was asked to pick the order's units (an earlier version's stage: now an order packs when paid). */
    PACKING,
    /** In its package; waiting for the first carrier attempt. */
    PACKED,
    /** A carrier had no capacity; the next attempt is scheduled. */
    DISPATCH_DELAYED,
    /** Out of attempts; an operator retries (warehouse) or cancels the order (orders). */
    DISPATCH_FAILED,
    /** A carrier took the package. Final. */
    DISPATCHED,
    /** Payment failed, an item was not found, or the order was cancelled after reserving; stock released. Final. */
    RELEASED
}
