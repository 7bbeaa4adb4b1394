package com.musiccorp.orders.http;

import com.musiccorp.orders.stream.OrderStoreQueries;
import com.musiccorp.platform.streams.StreamsRuntime;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** {@code GET /health/ready}: 200 only while orders can answer from its store and decide. */
@Controller("/health")
@Requires(property = OrdersHttpServer.ENABLED, value = "true")
final class HealthController {

    private final OrderStoreQueries store;
    private final StreamsRuntime runtime;

    HealthController(OrderStoreQueries store, StreamsRuntime runtime) {
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
