package com.musiccorp.sagastatus.domain;

/**
 * One observed edge of the choreography: an event of type {@code to} caused by one of type
 * {@code from} ({@code metadata.causationId}), {@code latencyMillis} apart in event time.
 */
public record Transition(String from, String to, long latencyMillis) {

    /** The key of the transition's statistics, e.g. {@code OrderPlaced->StockReserved}. */
    public String key() {
        return from + "->" + to;
    }
}
