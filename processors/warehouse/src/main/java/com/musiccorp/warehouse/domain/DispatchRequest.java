package com.musiccorp.warehouse.domain;

import com.musiccorp.events.Address;
import com.musiccorp.events.EventMetadata;

import java.time.Instant;

/**
 * A dispatch attempt an order is waiting for ({@link OrderFulfilmentDecider#pendingDispatch}). The
 * topology books it once {@code dueAt} has come (stream time or a punctuator), and feeds the answer
 * back as an input. {@code trigger} is deterministic metadata of the attempt (time = {@code dueAt}),
 * so the events an answer leads to have deterministic ids and event times.
 */
public record DispatchRequest(String orderId, Address address, int attempt, Instant dueAt, EventMetadata trigger) {

    public FulfilmentInput.CarrierAnswered bookWith(Carrier carrier) {
        return new FulfilmentInput.CarrierAnswered(orderId, attempt, carrier.book(orderId, address, attempt), trigger);
    }
}
