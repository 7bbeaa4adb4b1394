package com.musiccorp.orders.domain;

import java.util.Objects;

/**
 * One reason a request was refused, tied to the field that caused it, e.g.
 * {@code lines[1].quantity: must be at least 1}. Line indexes are 0-based, as in the request body.
 */
public record Violation(String field, String message) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
