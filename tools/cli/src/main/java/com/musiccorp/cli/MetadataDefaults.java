package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.musiccorp.schemas.Causation;

import java.time.Instant;
import java.util.UUID;

/**
 * Fills the envelope fields a hand-written event leaves out: a random event id, the correlation id
 * given with --correlation-id or else the one orders derives for the key (a name-based UUID of
 * "saga:" + key), now as occurredAt, producer "cli" and this build's schema version. Fields the
 * input does give are kept as they are (and validated like the rest).
 */
final class MetadataDefaults {
    static final String PRODUCER = "cli";

    private final String correlationId;
    private final Instant now;

    MetadataDefaults(String correlationId, Instant now) {
        this.correlationId = correlationId;
        this.now = now;
    }

    /** The correlation id orders gives the saga of an order id (see OrderPlacement). */
    static String derivedCorrelationId(String key) {
        return Causation.deterministicId("saga:" + key).toString();
    }

    void fill(JsonNode event, String keyField) {
        if (!(event instanceof ObjectNode object)) return; // the converter reports it
        JsonNode existing = object.get("metadata");
        if (existing != null && !existing.isObject()) return;
        ObjectNode metadata = existing == null ? object.putObject("metadata") : (ObjectNode) existing;
        if (!metadata.has("eventId")) metadata.put("eventId", UUID.randomUUID().toString());
        if (!metadata.has("correlationId")) {
            JsonNode key = object.get(keyField);
            if (correlationId != null) metadata.put("correlationId", correlationId);
            else if (key != null && key.isTextual()) metadata.put("correlationId", derivedCorrelationId(key.asText()));
        }
        if (!metadata.has("occurredAt")) metadata.put("occurredAt", now.toString());
        if (!metadata.has("producer")) metadata.put("producer", PRODUCER);
        if (!metadata.has("schemaVersion")) metadata.put("schemaVersion", Causation.SCHEMA_VERSION);
    }
}
