package com.musiccorp.warehouse.domain;

import com.musiccorp.events.Address;

import java.util.UUID;

/**
 * Port to whoever takes packages away. Called outside {@code decide} (see {@link DispatchRequest}),
 * because its answer is not a function of the order: deciding stays pure, and the answer becomes an
 * input, {@link FulfilmentInput.CarrierAnswered}.
 */
public interface Carrier {

    /**
     * Books a van for the order's package, once per {@code bookingKey}: a carrier must answer a
     * repeated key with the answer it gave the first time and book nothing more, because the same
     * attempt is booked again whenever its answer was lost (a crash after the call, before the answer
     * committed). The key is {@link DispatchRequest#bookingKey}: one per order and attempt, so a new
     * attempt (after a refusal, or an operator's retry) is a new booking.
     */
    DispatchResult book(UUID bookingKey, String orderId, Address address, int attempt);
}
