package com.musiccorp.platform.streams.step;

import com.musiccorp.platform.streams.EventHeaders;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One record a step forwards. An event carries its own time (its metadata's {@code occurredAt}) and
 * the saga headers; a private record (a hand-over to another aggregate) takes the time its step
 * decided it ({@code timestamp} null).
 */
public record Output<O>(String key, O value, Long timestamp, Headers headers) {

    /**
     * A published event, keyed by {@code key}, at its event time, with the saga headers. {@code O} is
     * what the step forwards: {@code SpecificRecord}, or {@code Object} for a step that also hands
     * private records over.
     */
    @SuppressWarnings("unchecked")
    public static <O> Output<O> event(String key, SpecificRecord event) {
        return new Output<>(key, (O) event, EventHeaders.metadataOf(event).getOccurredAt().toEpochMilli(),
                EventHeaders.of(event));
    }

    /** A private record, at the time its step decided it. */
    public static <O> Output<O> record(String key, O value) {
        return new Output<>(key, value, null, new RecordHeaders());
    }

    /** A private record that carries its own event time. */
    public static <O> Output<O> record(String key, O value, long timestamp) {
        return new Output<>(key, value, timestamp, new RecordHeaders());
    }
}
