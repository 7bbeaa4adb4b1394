package com.musiccorp.platform.http;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import com.musiccorp.platform.streams.StreamsRuntime;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code GET /health/ready} of every context: 200 only while Streams is RUNNING with no store
 * restoring and no stream thread failing (not merely "the process is up"), else 503 with
 * {@code Retry-After} and the reason.
 */
@Controller("/health")
@Requires(property = ContextHttpServer.ENABLED, value = "true")
@Secured(SecurityRule.IS_ANONYMOUS) // probes carry no token
final class ReadinessController {

    private final StreamsRuntime runtime;

    ReadinessController(StreamsRuntime runtime) {
        this.runtime = runtime;
    }

    @Get("/ready")
    HttpResponse<Readiness> ready() {
        String streams = runtime.state().name();
        String notReady = runtime.notReadyBecause();
        if (notReady == null) {
            return HttpResponse.ok(new Readiness("READY", streams, null));
        }
        return HttpResponse.<Readiness>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "1")
                .body(new Readiness("NOT_READY", streams, notReady));
    }

    @Serdeable
    record Readiness(String status, String streams, @Nullable String reason) {
    }
}
