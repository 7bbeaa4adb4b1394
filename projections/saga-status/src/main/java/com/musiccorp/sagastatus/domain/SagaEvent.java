package com.musiccorp.sagastatus.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of any context, reduced to what the projection needs: its identity and causality
 * (from {@code metadata}), the order it belongs to, and a one-line summary. Built by
 * {@link SagaEvents#from}.
 *
 * @param causationId the event id of the event that caused this one; null for an external cause
 * @param customerId  null when the event type does not carry it
 * @param reason      why, for failures, compensations, cancellations and rejections; else null
 */
public record SagaEvent(
        String eventId,
        String eventType,
        String context,
        String correlationId,
        String causationId,
        Instant occurredAt,
        String orderId,
        String customerId,
        String summary,
        String reason) {

    public SagaEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(summary, "summary");
    }
}
