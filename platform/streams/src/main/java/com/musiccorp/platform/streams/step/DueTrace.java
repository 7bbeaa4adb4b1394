package com.musiccorp.platform.streams.step;

import com.musiccorp.platform.streams.trace.TraceContext;

/**
 * The trace context kept in a due-index entry's value beside its key ({@code key\ttraceparent\ttracestate}),
 * so the answer of a call made after a restart still continues the trace of the decision that made it
 * pending.
 */
final class DueTrace {

    private DueTrace() {
    }

    static String entryValue(String key, TraceContext trace) {
        if (trace == null) {
            return key;
        }
        return key + "\t" + trace.traceparent() + (trace.tracestate() == null ? "" : "\t" + trace.tracestate());
    }

    /** The trace an entry's value keeps, or null (none, or an entry written before traces were kept). */
    static TraceContext of(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.split("\t", 3);
        if (parts.length < 2) {
            return null;
        }
        return TraceContext.parse(parts[1], parts.length > 2 ? parts[2] : null).orElse(null);
    }
}
