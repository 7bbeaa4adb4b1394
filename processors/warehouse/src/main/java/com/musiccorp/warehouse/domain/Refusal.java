package com.musiccorp.warehouse.domain;

/**
 * Why an input was not applied, naming the field at fault: an HTTP request answers it as a 400
 * field violation, a record on warehouse.stock is dead-lettered with it.
 */
public record Refusal(String field, String message) {

    /** One line for a log or a dead letter's reason: {@code quantity must be ...}. */
    public String reason() {
        return field + " " + message;
    }
}
