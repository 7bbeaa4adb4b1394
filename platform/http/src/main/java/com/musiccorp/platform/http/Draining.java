package com.musiccorp.platform.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A stopping server's first phase: every request is answered 503 with {@code Retry-After: 1} and
 * {@code Connection: close} for {@link #GRACE}, before the server stops and its beans go. Without it,
 * a client's kept-alive connection could still bring a request while the application context was
 * closing, and Micronaut answered it 500 (seen by {@code SagaStatusScaleOutIT} when an instance left).
 * A client told to retry reaches another instance, or this one again after its restart.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = ContextHttpServer.ENABLED, value = "true")
final class Draining implements Ordered {

    /** Long enough for every open connection of a busy client to bring one more request and be closed. */
    static final java.time.Duration GRACE = java.time.Duration.ofMillis(500);

    private volatile boolean draining;

    void start() {
        draining = true;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> refuseWhileDraining(HttpRequest<?> request) {
        if (!draining) return null;
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .header(HttpHeaders.CONNECTION, "close")
                .body(new Problem("this instance is stopping: retry"));
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE; // before the token check: a stopping instance says so to anyone
    }

    @Serdeable
    record Problem(String message) {
    }
}
