package com.musiccorp.platform.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The gateway's own JSON answers; every other body is the owning service's. */
final class GatewayBodies {

    private GatewayBodies() {
    }

    @Serdeable
    record Problem(String message) {
    }

    @Serdeable
    record RouteView(String prefix, String service, String target) {
    }

    /** {@code GET /}: what this base URL serves, and where each part really lives. */
    @Serdeable
    record Index(String message, List<RouteView> routes) {
    }

    @Serdeable
    record ServiceReadiness(String service, String target, int status, @Nullable String detail) {
    }

    /**
     * {@code GET /health/ready}: {@code down} names every routed service that is not ready, and
     * {@code message} says why for each.
     */
    @Serdeable
    record Readiness(String status, String message, @JsonInclude(JsonInclude.Include.ALWAYS) List<String> down,
                     List<ServiceReadiness> services) {
    }
}
