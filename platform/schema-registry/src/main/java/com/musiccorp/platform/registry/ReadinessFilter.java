package com.musiccorp.platform.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Answers 503 (with Retry-After) to everything but /health until this instance has read its topic
 * up to where it stood at start: before that, it could serve stale or missing schemas.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ReadinessFilter {
    private final RegistryLog log;

    ReadinessFilter(RegistryLog log) {
        this.log = log;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> refuseUntilReady(HttpRequest<?> request) {
        if (log.isReady() || request.getPath().equals("/health")) return null;
        return ErrorResponses.of(request, RegistryException.notReady());
    }
}
