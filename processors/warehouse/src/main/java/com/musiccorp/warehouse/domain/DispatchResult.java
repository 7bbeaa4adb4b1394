package com.musiccorp.warehouse.domain;

/** A carrier's answer to a booking. */
public sealed interface DispatchResult {
    record Booked(String carrier, String trackingNumber) implements DispatchResult {
    }

    record NoCapacity(String reason) implements DispatchResult {
    }

    static DispatchResult booked(String carrier, String trackingNumber) {
        return new Booked(carrier, trackingNumber);
    }

    static DispatchResult noCapacity(String reason) {
        return new NoCapacity(reason);
    }
}
