package com.musiccorp.loyalty.domain;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.schemas.Causation;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The identity of the event that caused a fact, kept as plain immutable values (Avro records are
 * mutable). A credit that crosses to the customer's balance derives its event's metadata there
 * exactly as if it had been emitted at once: {@code derive} gives what {@code Causation.causedBy(cause, "loyalty", type, i, at)}
 * gives for the original metadata (the same id, whenever it is decided).
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

    /** Metadata of the {@code index}-th {@code eventType} loyalty emits because of this cause, decided at {@code decidedAt}. */
    public EventMetadata derive(String eventType, int index, Instant decidedAt) {
        return Causation.causedBy(toMetadata(), OrderPointsDecider.PRODUCER, eventType, index, decidedAt);
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
