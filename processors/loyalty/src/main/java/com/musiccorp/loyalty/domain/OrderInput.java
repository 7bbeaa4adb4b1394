package com.musiccorp.loyalty.domain;

import com.musiccorp.events.OrderDispatched;

import java.util.Optional;
import java.util.UUID;

/**
 * What the per-order aggregate reacts to: OrderDispatched (warehouse.events, keyed by order id), the
 * only trigger for points. Since OrderDispatched v3 it names the customer and the order's total, so
 * loyalty reads no other event.
 */
public record OrderInput(OrderDispatched event) {

    /** The input for an event of warehouse.events, or empty for the types loyalty does not react to. */
    public static Optional<OrderInput> fromEvent(Object event) {
        return event instanceof OrderDispatched dispatched ? Optional.of(new OrderInput(dispatched)) : Optional.empty();
    }

    public String orderId() {
        return event.getOrderId();
    }

    /** The event id; an input whose id the state has already seen decides nothing. */
    public UUID inputId() {
        return event.getMetadata().getEventId();
    }

    /** Simple name of the input's type, as an {@code EventRejected} reports it. */
    public String typeName() {
        return "OrderDispatched";
    }

    /** The identity loyalty's events caused by this input derive from. */
    public Cause cause() {
        return Cause.of(event.getMetadata());
    }

    /** Whose order it is and what it cost; empty for a dispatch written before v3, which carries no total. */
    public Optional<OrderTerms> terms() {
        return event.getOrderTotal() == null ? Optional.empty()
                : Optional.of(new OrderTerms(event.getCustomerId(), Amount.from(event.getOrderTotal())));
    }
}
