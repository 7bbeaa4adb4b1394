package com.musiccorp.sagastatus.domain;

import java.time.Instant;
import java.util.Objects;

/** What the saga projection reacts to, for one saga (keyed by correlation id). */
public sealed interface SagaInput {

    String correlationId();

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
        public String correlationId() {
            return event.correlationId();
        }
    }

    /** Whether the saga has stalled by wall-clock {@code now}. */
    record StallCheck(String correlationId, Instant now) implements SagaInput {
        public StallCheck {
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(now, "now");
        }
    }
}
