package com.musiccorp.orders.domain;

/**
 * A command that cannot be carried out in the order's current state. Commands come from a person
 * waiting for an answer, so they are refused to the caller (an HTTP 404 or 409), not recorded as
 * {@code EventRejected}: that event is for facts other contexts published.
 */
public final class OrderCommandRefused extends RuntimeException {

    /** How the HTTP layer should answer. */
    public enum Kind {
        /** No order with that id was ever placed: 404. */
        NOT_FOUND,
        /** The order exists but the command conflicts with its state: 409. */
        CONFLICT
    }

    private final Kind kind;
    private final String orderId;

    public OrderCommandRefused(Kind kind, String orderId, String message) {
        super(message);
        this.kind = kind;
        this.orderId = orderId;
    }

    public Kind kind() {
        return kind;
    }

    public String orderId() {
        return orderId;
    }
}
