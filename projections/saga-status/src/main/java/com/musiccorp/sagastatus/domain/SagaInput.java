package com.musiccorp.sagastatus.domain;

import java.time.Instant;
import java.util.Objects;

/** What the saga projection reacts to, for one saga (keyed by its order id, as every event topic is). */
public sealed interface SagaInput {

    /** The saga's key: its order id (an order is one saga). */
    String orderId();

    /**
     * An event of the saga, seen at wall-clock {@code observedAt}: its progress time if it is new
     * (stalling measures the wall clock; event times are inherited and say nothing about progress).
     */
    record Observed(SagaEvent event, Instant observedAt) implements SagaInput {
        public Observed {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(observedAt, "observedAt");
        }

        @Override
        public String orderId() {
            return event.orderId();
        }
    }

    /** Whether the saga has stalled by wall-clock {@code now}. */
    record StallCheck(String orderId, Instant now) implements SagaInput {
        public StallCheck {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(now, "now");
        }
    }
}
