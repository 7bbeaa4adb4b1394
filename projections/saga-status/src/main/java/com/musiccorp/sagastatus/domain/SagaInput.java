package com.musiccorp.sagastatus.domain;

import java.util.Objects;

/** What the saga projection reacts to, for one saga (keyed by its order id, as every event topic is). */
public sealed interface SagaInput {

    /** The saga's key: its order id (an order is one saga). */
    String orderId();

    /**
     * An event of the saga. The time it is decided at (the projection's wall clock) is the saga's
     * progress time if it is new: stalling measures this process's clock, so a rebuild reading old
     * events, or a context whose clock is off, never stalls a saga that is moving here.
     */
    record Observed(SagaEvent event) implements SagaInput {
        public Observed {
            Objects.requireNonNull(event, "event");
        }

        @Override
        public String orderId() {
            return event.orderId();
        }
    }

    /** Whether the saga has stalled by the time this is decided (wall clock). */
    record StallCheck(String orderId) implements SagaInput {
        public StallCheck {
            Objects.requireNonNull(orderId, "orderId");
        }
    }
}
