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
    /** Paid; each SKU was asked to pick the order's units. */
    PACKING,
    /** In its package; waiting for the first carrier attempt. */
    PACKED,
    /** A carrier had no capacity; the next attempt is scheduled. */
    DISPATCH_DELAYED,
    /** Out of attempts; a person must retry or cancel. */
    DISPATCH_FAILED,
    /** A carrier took the package. Final. */
    DISPATCHED,
    /** Cancelled: payment failed, an item was not found, or dispatch was cancelled; stock released. Final. */
    RELEASED
}
