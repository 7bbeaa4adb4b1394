package com.musiccorp.platform.streams.trace;

/**
 * The span of the HTTP request a thread is serving, if any: what a publisher puts on the records the
 * request writes ({@code AckedPublisher}), so the steps that react to them continue its trace. Set
 * by the HTTP layer on whatever thread runs the request's controller, and cleared after it.
 */
public final class RequestSpan {

    private static final ThreadLocal<RequestSpan> CURRENT = new ThreadLocal<>();

    private final TraceContext span;
    private volatile boolean published;

    public RequestSpan(TraceContext span) {
        this.span = span;
    }

    public TraceContext span() {
        return span;
    }

    /** Whether the request wrote a record: only such requests are exported as spans. */
    public boolean published() {
        return published;
    }

    /** The current thread's request span, or null. */
    public static RequestSpan current() {
        return CURRENT.get();
    }

    /** Makes {@code span} (may be null) the current thread's; returns the one it replaces, to restore later. */
    public static RequestSpan enter(RequestSpan span) {
        RequestSpan before = CURRENT.get();
        if (span == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(span);
        }
        return before;
    }

    /** The trace a record written now should carry, noting that the request published; null outside a request. */
    public static TraceContext forPublishing() {
        RequestSpan current = CURRENT.get();
        if (current == null) {
            return null;
        }
        current.published = true;
        return current.span;
    }
}
