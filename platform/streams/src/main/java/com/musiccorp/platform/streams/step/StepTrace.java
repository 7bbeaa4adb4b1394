package com.musiccorp.platform.streams.step;

import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.trace.Spans;
import com.musiccorp.platform.streams.trace.TraceContext;
import com.musiccorp.platform.streams.trace.TraceHeaders;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The trace of one step: every record it forwards continues the trace of its input with a child
 * span (same trace id, the input's span as parent) whose id is derived from the forwarded event's id
 * (a private record's: from the input's span, key and position), so a redelivered input decided again
 * forwards the same span ids. With export on, each forwarded record is one span, named
 * {@code <application> <input type> -> <output type>}, with the context, types and key as attributes.
 */
final class StepTrace {

    private final TraceContext input;
    private final String inputType;
    private final String application;
    private final String key;
    private final Spans spans;
    private final long startEpochNanos;
    private int forwarded;

    /** @param input the input's span, or null: then nothing is traced */
    StepTrace(TraceContext input, String inputType, String application, String key, Spans spans) {
        this.input = input;
        this.inputType = inputType;
        this.application = application;
        this.key = key;
        this.spans = spans;
        this.startEpochNanos = input != null && spans.exporting() ? epochNanos() : 0;
    }

    TraceContext input() {
        return input;
    }

    /** Puts the child span for the record on its headers (and records it when exporting). */
    void forwarding(Headers headers, Object value) {
        int position = forwarded++;
        if (input == null) {
            return;
        }
        String eventId = EventHeaders.text(headers, EventHeaders.EVENT_ID);
        UUID spanSeed = eventId != null ? UUID.fromString(eventId) : UUID.nameUUIDFromBytes(
                (input.spanId() + "/" + key + "/" + position).getBytes(StandardCharsets.UTF_8));
        TraceContext child = input.childFor(spanSeed);
        TraceHeaders.write(headers, child);
        if (spans.exporting()) {
            String type = EventHeaders.text(headers, EventHeaders.EVENT_TYPE);
            String outputType = type != null ? type : value == null ? "null" : value.getClass().getSimpleName();
            spans.record(child, application + " " + inputType + " -> " + outputType, Spans.Kind.CONSUMER,
                    startEpochNanos, epochNanos(), Map.of("musiccorp.application", application,
                            "musiccorp.input.type", inputType, "musiccorp.output.type", outputType,
                            "musiccorp.key", key));
        }
    }

    private static long epochNanos() {
        return TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    }
}
