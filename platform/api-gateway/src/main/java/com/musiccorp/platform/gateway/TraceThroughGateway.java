package com.musiccorp.platform.gateway;

import com.musiccorp.platform.streams.trace.Spans;
import com.musiccorp.platform.streams.trace.TraceContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import org.reactivestreams.Publisher;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Every request to the one base URL is a span of its W3C trace: a child of the caller's
 * {@code traceparent} (and {@code tracestate}), or the first span of a new trace when it has none or
 * a malformed one (never a refusal). The owner is sent this span as the request's
 * {@code traceparent} ({@link #forwarded}), so the owner's span is its child and a trace shows the
 * hop through the gateway. An answer carries the owner's {@code traceparent}, or the gateway's own
 * span when the gateway answered itself (401, 404, 502, …). With export on
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT}), each request is exported as a server span.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
@Requires(property = ApiGatewayServer.ENABLED, value = "true")
final class TraceThroughGateway implements HttpServerFilter {

    private static final String SPAN = "musiccorp.gateway.span";

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        TraceContext span = TraceContext.ofRequest(request.getHeaders().get(TraceContext.TRACEPARENT),
                request.getHeaders().get(TraceContext.TRACESTATE));
        request.setAttribute(SPAN, span);
        long startEpochNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        return Publishers.map(chain.proceed(request), response -> {
            if (!response.getHeaders().contains(TraceContext.TRACEPARENT)) {
                response.header(TraceContext.TRACEPARENT, span.traceparent());
            }
            export(request, response, span, startEpochNanos);
            return response;
        });
    }

    /** {@code forwarding} with the gateway's span of {@code request} as its trace context. */
    static <T extends MutableHttpRequest<?>> T forwarded(HttpRequest<?> request, T forwarding) {
        Optional<TraceContext> span = request.getAttribute(SPAN, TraceContext.class);
        span.ifPresent(s -> {
            forwarding.getHeaders().set(TraceContext.TRACEPARENT, s.traceparent());
            if (s.tracestate() == null) {
                forwarding.getHeaders().remove(TraceContext.TRACESTATE);
            } else {
                forwarding.getHeaders().set(TraceContext.TRACESTATE, s.tracestate());
            }
        });
        return forwarding;
    }

    private static void export(HttpRequest<?> request, MutableHttpResponse<?> response, TraceContext span,
            long startEpochNanos) {
        Spans spans = Spans.process();
        if (!spans.exporting()) {
            return;
        }
        spans.record(span, "api " + request.getMethodName() + " " + request.getPath(), Spans.Kind.SERVER,
                startEpochNanos, TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()),
                Map.of("http.request.method", request.getMethodName(), "url.path", request.getPath(),
                        "http.response.status_code", Integer.toString(response.code())));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // around everything else, so every answer says its traceparent
    }
}
