package com.musiccorp.warehouse.domain;

import com.musiccorp.events.Address;
import com.musiccorp.events.EventMetadata;

import com.musiccorp.schemas.Causation;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * A dispatch attempt an order is waiting for ({@link OrderFulfilmentDecider#pendingDispatch}). The
 * topology books it once {@code dueAt} has come (stream time or a punctuator), and feeds the answer
 * back as an input. {@code trigger} is deterministic metadata of the attempt (time = {@code dueAt}),
 * so the events an answer leads to have deterministic ids; their time is when the carrier answered.
 */
public record DispatchRequest(String orderId, Address address, int attempt, Instant dueAt, EventMetadata trigger) {

    /** Books the attempt; the answer is stamped with {@code clock} once the carrier gave it. */
    public FulfilmentInput.CarrierAnswered bookWith(Carrier carrier, Clock clock) {
        DispatchResult result = carrier.book(bookingKey(), orderId, address, attempt);
        return new FulfilmentInput.CarrierAnswered(orderId, attempt, result, trigger, Instant.now(clock));
    }

    /**
     * The carrier's idempotency key for this attempt: a name-based UUID of the order and attempt, the
     * same however often the attempt is booked (retried after a crash, on another replica), and
     * another for the next attempt (attempts keep counting across an operator's retry).
     */
    public UUID bookingKey() {
        return bookingKey(orderId, attempt);
    }

    public static UUID bookingKey(String orderId, int attempt) {
        return Causation.deterministicId("warehouse/" + orderId + "/dispatch/" + attempt);
    }
}
