package com.musiccorp.orders.domain;

import org.apache.avro.specific.SpecificRecord;

import java.util.Objects;

/**
 * An event of this order read from a topic: another context's fact, or one of the orders
 * context's own events read back (which de-duplicates by event id).
 */
public record ObservedEvent(SpecificRecord event) implements OrderInput {

    public ObservedEvent {
        Objects.requireNonNull(event, "event");
        OrderEvents.metadata(event);
    }

    @Override
    public String orderId() {
        return OrderEvents.orderId(event);
    }
}
