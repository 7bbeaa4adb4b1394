package com.musiccorp.notifications.domain;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.NotificationTemplate;
import com.musiccorp.schemas.Causation;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The identity of the event that caused a message, kept as plain immutable values (Avro records are
 * mutable) so that a message parked until the recipient is known can derive its metadata later,
 * exactly as if it had been sent at once.
 *
 * @param eventType simple name of the triggering event's type, e.g. "OrderPlaced"
 */
public record Trigger(UUID eventId, String correlationId, Instant occurredAt, String producer, String eventType) {

    public Trigger {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(eventType, "eventType");
    }

    public static Trigger of(EventMetadata metadata, String eventType) {
        return new Trigger(metadata.getEventId(), metadata.getCorrelationId(), metadata.getOccurredAt(),
                metadata.getProducer(), eventType);
    }

    /**
     * Metadata of the NotificationSent for {@code template} caused by this trigger, at
     * {@code occurredAt} (when the mailer took it):
     * {@code Causation.causedBy(trigger, "notifications", "NotificationSent:" + template, 0, occurredAt)}.
     * The template is part of the name, so one trigger may cause several messages with distinct ids.
     */
    public EventMetadata notificationMetadata(NotificationTemplate template, Instant occurredAt) {
        return Causation.causedBy(toMetadata(), NotificationDecider.PRODUCER, "NotificationSent:" + template, 0,
                occurredAt);
    }

    /** The id of that NotificationSent: derived from the trigger and template alone, never from a time. */
    public UUID notificationId(NotificationTemplate template) {
        return notificationMetadata(template, occurredAt).getEventId();
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
