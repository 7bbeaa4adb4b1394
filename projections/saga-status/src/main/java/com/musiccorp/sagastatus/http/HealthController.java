package com.musiccorp.sagastatus.http;

import com.musiccorp.platform.streams.StreamsRuntime;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** {@code GET /health/ready}: 200 only while Streams is RUNNING with no store restoring. */
@Controller("/health")
@Requires(property = SagaStatusHttpServer.ENABLED, value = "true")
final class HealthController {

    private final StreamsRuntime runtime;

    HealthController(StreamsRuntime runtime) {
        this.runtime = runtime;
    }

    @Get("/ready")
    HttpResponse<HttpBodies.Readiness> ready() {
        String streams = runtime.state().name();
        if (runtime.isReady()) {
            return HttpResponse.ok(new HttpBodies.Readiness("READY", streams));
        }
        return HttpResponse.<HttpBodies.Readiness>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "1")
                .body(new HttpBodies.Readiness("NOT_READY", streams));
    }
}
