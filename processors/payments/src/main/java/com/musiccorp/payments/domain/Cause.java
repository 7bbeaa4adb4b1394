package com.musiccorp.payments.domain;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.schemas.Causation;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The identity of the event that caused a fact, kept as plain immutable values (Avro records are
 * mutable) so that a charge or refund decided now can derive its event's metadata later, when the
 * gateway answers, exactly as if it had been emitted at once.
 */
public record Cause(UUID eventId, String correlationId, Instant occurredAt, String producer) {

    public Cause {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(producer, "producer");
    }

    public static Cause of(EventMetadata metadata) {
        return new Cause(metadata.getEventId(), metadata.getCorrelationId(), metadata.getOccurredAt(),
                metadata.getProducer());
    }

    /**
     * Metadata of the {@code index}-th {@code eventType} payments emits because of this cause, at
     * {@code occurredAt}: when payments decided it, or when the gateway answered.
     */
    public EventMetadata derive(String eventType, int index, Instant occurredAt) {
        return Causation.causedBy(toMetadata(), PaymentDecider.PRODUCER, eventType, index, occurredAt);
    }

    private EventMetadata toMetadata() {
        return EventMetadata.newBuilder()
                .setEventId(eventId)
                .setCorrelationId(correlationId)
                .setCausationId(null)
                .setOccurredAt(occurredAt)
                .setProducer(producer)
                .setSchemaVersion(Causation.SCHEMA_VERSION)
                .build();
    }
}
