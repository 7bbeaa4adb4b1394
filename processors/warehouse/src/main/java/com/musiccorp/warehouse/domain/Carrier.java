package com.musiccorp.warehouse.domain;

import com.musiccorp.events.Address;

/**
 * Port to whoever takes packages away. Called outside {@code decide} (see {@link DispatchRequest}),
 * because its answer is not a function of the order: deciding stays pure, and the answer becomes an
 * input, {@link FulfilmentInput.CarrierAnswered}.
 */
public interface Carrier {
    DispatchResult book(String orderId, Address address, int attempt);
}
