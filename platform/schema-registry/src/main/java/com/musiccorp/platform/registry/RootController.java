package com.musiccorp.platform.registry;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

import java.util.List;
import java.util.Map;

/** GET / (Confluent answers {}), GET /contexts (the default context only) and GET /health. */
@Controller
@Produces({Api.V1_JSON, Api.SR_JSON, Api.JSON})
final class RootController {
    private final RegistryLog log;

    RootController(RegistryLog log) {
        this.log = log;
    }

    @Get
    Map<String, Object> root() {
        return Map.of();
    }

    @Get("/contexts")
    List<String> contexts() {
        return List.of(".");
    }

    /** UP once the topic is read; STARTING while reading it; DOWN when reading failed or the registry is closing. */
    @Get("/health")
    HttpResponse<Api.Health> health() {
        if (log.isReady()) return HttpResponse.ok(new Api.Health("UP"));
        return HttpResponse.<Api.Health>status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(new Api.Health(log.isHealthy() ? "STARTING" : "DOWN"));
    }
}
