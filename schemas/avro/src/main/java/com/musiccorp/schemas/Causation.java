package com.musiccorp.schemas;

import com.musiccorp.events.EventMetadata;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Derives the metadata of an event from what caused it, so processing is deterministic where it
 * matters: the same cause always yields the same event id and correlation id, whenever it is decided.
 * Its time is when it was decided (an argument, never read from a clock here), so a redelivered
 * input decided again may carry a later time but the same id, which consumers de-duplicate by.
 */
public final class Causation {
  /** Schema version (vN of the released history) every producer in this build writes. */
  public static final int SCHEMA_VERSION = 1;

  private Causation() {
  }

  /**
   * Metadata of the {@code index}-th event of type {@code eventType} that {@code producer} emits
   * because of {@code cause}, at {@code occurredAt}: when the producer decided it, or when the
   * outside system it waited for (a payment gateway, a carrier) answered. It inherits the saga's
   * correlation id; its id is a name-based UUID of the cause and position alone, never of the time,
   * so an input decided again (after a crash, or answered later) still yields the same event.
   */
  public static EventMetadata causedBy(EventMetadata cause, String producer, String eventType, int index,
      Instant occurredAt) {
    return metadata(
        deterministicId(cause.getEventId() + "/" + producer + "/" + eventType + "/" + index),
        cause.getCorrelationId(), cause.getEventId().toString(), occurredAt, producer);
  }

  /**
   * Metadata of an event that starts from outside the system (a customer's order, an operator's
   * command). {@code commandId} identifies the command (e.g. an idempotency key), so a retried
   * command gets the same event id.
   */
  public static EventMetadata fromCommand(String commandId, String correlationId, Instant occurredAt,
      String producer, String eventType) {
    return metadata(deterministicId(producer + "/" + eventType + "/" + commandId), correlationId, null,
        occurredAt, producer);
  }

  /** A name-based (type 3) UUID: the same name always gives the same id. */
  public static UUID deterministicId(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }

  private static EventMetadata metadata(UUID eventId, String correlationId, String causationId,
      Instant occurredAt, String producer) {
    return EventMetadata.newBuilder()
        .setEventId(eventId)
        .setCorrelationId(correlationId)
        .setCausationId(causationId)
        .setOccurredAt(occurredAt)
        .setProducer(producer)
        .setSchemaVersion(SCHEMA_VERSION)
        .build();
  }
}
