package com.musiccorp.platform.streams.trace;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C trace context (https://www.w3.org/TR/trace-context/): which trace a piece of work belongs
 * to, its own span, and the span it continues. Plain strings, so it costs a few bytes on a record
 * and nothing when no tracing backend is configured.
 *
 * @param traceId      32 lowercase hex digits, not all zero
 * @param spanId       16 lowercase hex digits, not all zero: this piece of work
 * @param parentSpanId the span this one continues, or null for a trace's first span
 * @param flags        2 hex digits (01: sampled)
 * @param tracestate   the vendors' {@code tracestate} header, passed on untouched, or null
 */
public record TraceContext(String traceId, String spanId, String parentSpanId, String flags, String tracestate) {

    /** The {@code traceparent} header's name, on HTTP requests and responses and on Kafka records. */
    public static final String TRACEPARENT = "traceparent";
    /** The {@code tracestate} header's name. */
    public static final String TRACESTATE = "tracestate";

    /** version-traceId-spanId-flags: 2, 32, 16 and 2 lowercase hex digits; a later version may add "-..." */
    private static final int TRACEPARENT_LENGTH = 55;
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);
    /** tracestate: at most 32 list members of at most 256 characters; anything longer is dropped, not refused. */
    private static final int MAX_TRACESTATE = 32 * 257;

    /**
     * The context a {@code traceparent} header names (its span is the caller's), or empty when the
     * header is absent or malformed: the caller then starts a new trace, it never refuses the request.
     */
    public static Optional<TraceContext> parse(String traceparent, String tracestate) {
        if (traceparent == null || traceparent.length() > 512) {
            return Optional.empty();
        }
        // Read by hand: every record of every hop carries one, and a regular expression was 2 % of
        // the contexts' CPU under load.
        String value = traceparent.trim();
        if (value.length() < TRACEPARENT_LENGTH || !isHex(value, 0, 2) || value.charAt(2) != '-'
                || !isHex(value, 3, 35) || value.charAt(35) != '-' || !isHex(value, 36, 52)
                || value.charAt(52) != '-' || !isHex(value, 53, 55)) {
            return Optional.empty();
        }
        String version = value.substring(0, 2);
        boolean more = value.length() > TRACEPARENT_LENGTH;
        if (more && (value.charAt(TRACEPARENT_LENGTH) != '-' || hasLineTerminator(value, TRACEPARENT_LENGTH))) {
            return Optional.empty();
        }
        String traceId = value.substring(3, 35);
        String spanId = value.substring(36, 52);
        if (version.equals("ff") || (version.equals("00") && more) || traceId.equals(ZERO_TRACE) || spanId.equals(ZERO_SPAN)) {
            return Optional.empty();
        }
        String state = tracestate == null || tracestate.isBlank() || tracestate.length() > MAX_TRACESTATE
                ? null : tracestate.trim();
        return Optional.of(new TraceContext(traceId, spanId, null, value.substring(53, 55), state));
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) return false;
        }
        return true;
    }

    /** What a regular expression's {@code .} does not match, so a future version's suffix may not hold it. */
    private static boolean hasLineTerminator(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') return true;
        }
        return false;
    }

    /**
     * An HTTP request's span: a child of the caller's context these headers name, or the first span
     * of a new trace when they name none (absent or malformed: never a refusal).
     */
    public static TraceContext ofRequest(String traceparent, String tracestate) {
        return parse(traceparent, tracestate).map(TraceContext::child).orElseGet(TraceContext::newTrace);
    }

    /** The first span of a new trace (random ids, sampled). */
    public static TraceContext newTrace() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new TraceContext(hex(random.nextLong()) + hex(random.nextLong()), randomSpanId(), null, "01", null);
    }

    /** A new span of this trace whose parent is this span, with a random id (an HTTP request's span). */
    public TraceContext child() {
        return new TraceContext(traceId, randomSpanId(), spanId, flags, tracestate);
    }

    /**
     * A new span of this trace whose parent is this span, its id derived from {@code id} (an event's
     * id): a redelivered input decided again forwards the same span, as it forwards the same event.
     */
    public TraceContext childFor(UUID id) {
        long bits = id.getMostSignificantBits() ^ Long.rotateLeft(id.getLeastSignificantBits(), 29);
        return new TraceContext(traceId, hex(bits == 0 ? 1 : bits), spanId, flags, tracestate);
    }

    /** This span as a {@code traceparent} header value (version 00). */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    public boolean sampled() {
        return (Integer.parseInt(flags, 16) & 1) == 1;
    }

    private static String randomSpanId() {
        long bits = ThreadLocalRandom.current().nextLong();
        return hex(bits == 0 ? 1 : bits);
    }

    private static String hex(long bits) {
        String h = Long.toHexString(bits);
        return "0".repeat(16 - h.length()) + h;
    }
}
