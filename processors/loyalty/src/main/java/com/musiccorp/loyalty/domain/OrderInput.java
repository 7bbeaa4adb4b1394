package com.musiccorp.loyalty.domain;

import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderPlaced;

import java.util.Optional;
import java.util.UUID;

/**
 * What the per-order aggregate reacts to: OrderPlaced (orders.events) and OrderDispatched
 * (warehouse.events), both keyed by order id. Their relative order is not guaranteed.
 */
public sealed interface OrderInput {

    String orderId();

    /** The event id; an input whose id the state has already seen decides nothing. */
    UUID inputId();

    /** Simple name of the input's type, as an {@code EventRejected} reports it. */
    String typeName();

    /** The identity loyalty's events caused by this input derive from. */
    Cause cause();

    /**
     * The input for an event read from another context's topic, or empty for event types loyalty
     * does not react to (the topology skips those).
     */
    static Optional<OrderInput> fromEvent(Object event) {
        return Optional.ofNullable(switch (event) {
            case OrderPlaced e -> new Placed(e);
            case OrderDispatched e -> new Dispatched(e);
            case null, default -> null;
        });
    }

    record Placed(OrderPlaced event) implements OrderInput {
        public String orderId() {
            return event.getOrderId();
        }

        public UUID inputId() {
            return event.getMetadata().getEventId();
        }

        public String typeName() {
            return "OrderPlaced";
        }

        public Cause cause() {
            return Cause.of(event.getMetadata());
        }

        public String customerId() {
            return event.getCustomer().getCustomerId();
        }

        public Amount total() {
            return Amount.from(event.getTotal());
        }
    }

    record Dispatched(OrderDispatched event) implements OrderInput {
        public String orderId() {
            return event.getOrderId();
        }

        public UUID inputId() {
            return event.getMetadata().getEventId();
        }

        public String typeName() {
            return "OrderDispatched";
        }

        public Cause cause() {
            return Cause.of(event.getMetadata());
        }
    }
}
