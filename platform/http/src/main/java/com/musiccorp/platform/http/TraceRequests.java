package com.musiccorp.platform.http;

import com.musiccorp.platform.streams.trace.RequestSpan;
import com.musiccorp.platform.streams.trace.Spans;
import com.musiccorp.platform.streams.trace.TraceContext;
import com.musiccorp.platform.streams.trace.TraceLogging;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import org.reactivestreams.Publisher;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every request is a span of a W3C trace: a child of the request's {@code traceparent} (and
 * {@code tracestate}), or the first span of a new trace when the header is absent or malformed (a
 * bad header never fails the request). Its {@code traceparent} answers in the response header of
 * that name. While the request is served, on whichever thread runs its controller, the span is the
 * thread's {@link RequestSpan} (every record a publisher writes carries it, so the steps that react
 * continue the trace) and the log MDC carries its trace and span ids. With export on, a request
 * that wrote a record is exported as a server span.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
@Requires(property = ContextHttpServer.ENABLED, value = "true")
final class TraceRequests implements HttpServerFilter {

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        TraceContext span = TraceContext.ofRequest(request.getHeaders().get(TraceContext.TRACEPARENT),
                request.getHeaders().get(TraceContext.TRACESTATE));
        RequestSpan requestSpan = new RequestSpan(span);
        long startEpochNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        try (PropagatedContext.Scope ignored = PropagatedContext.getOrEmpty().plus(new Current(requestSpan)).propagate()) {
            return Publishers.map(chain.proceed(request), response -> {
                response.header(TraceContext.TRACEPARENT, span.traceparent());
                export(request, response, requestSpan, startEpochNanos);
                return response;
            });
        }
    }

    private static void export(HttpRequest<?> request, MutableHttpResponse<?> response, RequestSpan requestSpan,
            long startEpochNanos) {
        Spans spans = Spans.process();
        if (!requestSpan.published() || !spans.exporting()) {
            return;
        }
        String route = request.getMethodName() + " " + request.getPath();
        spans.record(requestSpan.span(), route, Spans.Kind.SERVER, startEpochNanos,
                TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()),
                Map.of("http.request.method", request.getMethodName(), "url.path", request.getPath(),
                        "http.response.status_code", Integer.toString(response.code())));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // around everything else, so every answer says its traceparent
    }

    /** The request's span as the current thread's, and in the log MDC, wherever the request runs. */
    private record Current(RequestSpan span) implements ThreadPropagatedContextElement<RequestSpan> {
        @Override
        public RequestSpan updateThreadContext() {
            TraceLogging.enter(null, span.span());
            return RequestSpan.enter(span);
        }

        @Override
        public void restoreThreadContext(RequestSpan before) {
            RequestSpan.enter(before);
            if (before == null) {
                TraceLogging.leave();
            } else {
                TraceLogging.enter(null, before.span());
            }
        }
    }
}
