package com.musiccorp.warehouse.http;

import com.musiccorp.platform.streams.StreamsRuntime;
import com.musiccorp.warehouse.stream.StockStoreQueries;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** {@code GET /health/ready}: 200 only while the warehouse can answer from its stores and decide. */
@Controller("/health")
@Requires(property = WarehouseHttpServer.ENABLED, value = "true")
final class HealthController {

    private final StockStoreQueries store;
    private final StreamsRuntime runtime;

    HealthController(StockStoreQueries store, StreamsRuntime runtime) {
        this.store = store;
        this.runtime = runtime;
    }

    @Get("/ready")
    HttpResponse<HttpBodies.Readiness> ready() {
        String streams = runtime.state().name();
        if (store.isReady()) {
            return HttpResponse.ok(new HttpBodies.Readiness("READY", streams));
        }
        return HttpResponse.<HttpBodies.Readiness>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "1")
                .body(new HttpBodies.Readiness("NOT_READY", streams));
    }
}
