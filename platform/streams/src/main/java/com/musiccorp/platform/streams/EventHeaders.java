package com.musiccorp.platform.streams;

import com.musiccorp.events.EventMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.avro.specific.SpecificRecord;

import java.nio.charset.StandardCharsets;

/**
 * The saga's identity as Kafka headers on every emitted event, so tools and operators can trace
 * and filter a saga (e.g. {@code tail --correlation-id}) without decoding Avro.
 */
public final class EventHeaders {
    public static final String EVENT_ID = "event-id";
    public static final String EVENT_TYPE = "event-type";
    public static final String CORRELATION_ID = "correlation-id";
    public static final String CAUSATION_ID = "causation-id";
    public static final String PRODUCER = "producer";

    private EventHeaders() {
    }

    /** Headers for an event whose first field is its {@link EventMetadata}. */
    public static Headers of(SpecificRecord event) {
        EventMetadata m = metadataOf(event);
        RecordHeaders h = new RecordHeaders();
        h.add(EVENT_ID, bytes(m.getEventId().toString()));
        h.add(EVENT_TYPE, bytes(event.getSchema().getName()));
        h.add(CORRELATION_ID, bytes(m.getCorrelationId()));
        if (m.getCausationId() != null) h.add(CAUSATION_ID, bytes(m.getCausationId()));
        h.add(PRODUCER, bytes(m.getProducer()));
        return h;
    }

    public static EventMetadata metadataOf(SpecificRecord event) {
        if (event.getSchema().getField("metadata") == null) {
            throw new IllegalArgumentException(event.getSchema().getFullName() + " has no metadata field");
        }
        return (EventMetadata) event.get(event.getSchema().getField("metadata").pos());
    }

    public static String text(Headers headers, String name) {
        var h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
