package com.musiccorp.warehouse.http;

import com.musiccorp.platform.streams.AckedPublisher;
import com.musiccorp.warehouse.domain.FulfilmentInput;
import com.musiccorp.warehouse.domain.FulfilmentStatus;
import com.musiccorp.warehouse.domain.OrderFulfilment;
import com.musiccorp.warehouse.stream.FulfilmentStoreQueries;
import com.musiccorp.warehouse.stream.StockStoreQueries;
import com.musiccorp.warehouse.stream.WarehouseCommand;
import com.musiccorp.warehouse.stream.WarehouseCommands;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /fulfilments/{orderId}} shows an order's way through the warehouse from
 * {@code fulfilment-store}; {@code POST /fulfilments/{orderId}/dispatch-retries} asks for one more
 * carrier attempt after dispatch failed. The request is checked against the store now (404, 409),
 * then written to warehouse.commands; the topology decides it again against the live state, and
 * records EventRejected if the order moved on meanwhile.
 */
@Controller("/fulfilments")
@Requires(property = WarehouseHttpServer.ENABLED, value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
final class FulfilmentController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final FulfilmentStoreQueries store;
    private final WarehouseCommands commands;

    FulfilmentController(FulfilmentStoreQueries store, WarehouseCommands commands) {
        this.store = store;
        this.commands = commands;
    }

    @Get("/{orderId}")
    HttpResponse<?> view(String orderId) {
        Optional<OrderFulfilment> state;
        try {
            state = store.find(orderId);
        } catch (StockStoreQueries.StoreNotReady e) {
            return StockController.unavailable(e.getMessage());
        }
        return state.flatMap(FulfilmentViews::of).<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> notFound(orderId));
    }

    /** The {@code Idempotency-Key} header is the command id: the same key again is the same command. */
    @Post("/{orderId}/dispatch-retries")
    HttpResponse<?> retryDispatch(String orderId, @Header(IDEMPOTENCY_KEY) @Nullable String idempotencyKey) {
        Optional<OrderFulfilment> state;
        try {
            state = store.find(orderId);
        } catch (StockStoreQueries.StoreNotReady e) {
            return StockController.unavailable(e.getMessage());
        }
        Optional<HttpBodies.FulfilmentView> view = state.flatMap(FulfilmentViews::of);
        if (view.isEmpty()) {
            return notFound(orderId);
        }
        OrderFulfilment fulfilment = state.get();
        String commandId = idempotencyKey == null || idempotencyKey.isBlank()
                ? UUID.randomUUID().toString() : idempotencyKey.trim();
        if (!fulfilment.hasHandled(FulfilmentInput.RetryDispatch.idOf(commandId))) {
            if (fulfilment.status() != FulfilmentStatus.DISPATCH_FAILED) {
                return HttpResponse.status(HttpStatus.CONFLICT).body(HttpBodies.Problem.of("order " + orderId
                        + " is " + fulfilment.status() + ": only a failed dispatch can be retried"));
            }
            try {
                commands.send(new WarehouseCommand.RetryDispatch(orderId, view.get().correlationId(), commandId,
                        Instant.now()));
            } catch (AckedPublisher.PublishFailed e) {
                return StockController.unavailable(e.getMessage());
            }
        } // else: this very command was decided already; answering it again writes nothing
        return HttpResponse.accepted(URI.create("/fulfilments/" + orderId))
                .body(new HttpBodies.RetryAccepted(orderId, commandId));
    }

    private static HttpResponse<?> notFound(String orderId) {
        return HttpResponse.notFound(HttpBodies.Problem.of("the warehouse knows no order " + orderId));
    }
}
