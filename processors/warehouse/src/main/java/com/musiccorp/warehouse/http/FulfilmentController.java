package com.musiccorp.warehouse.http;

import com.musiccorp.platform.http.security.Roles;
import io.micronaut.security.annotation.Secured;
import com.musiccorp.platform.streams.AckedPublisher;
import com.musiccorp.schemas.ContractLimits;
import com.musiccorp.warehouse.domain.FulfilmentInput;
import com.musiccorp.warehouse.domain.OrderFulfilment;
import com.musiccorp.warehouse.domain.OrderFulfilmentDecider;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /fulfilments/{orderId}} shows an order's way through the warehouse from
 * {@code fulfilment-store}; {@code POST /fulfilments/{orderId}/dispatch-retries} asks for one more
 * carrier attempt after dispatch failed. The request is checked against the store now (400, 404, 409,
 * or 202 for a command already granted), then written to warehouse.commands; the topology decides it again against the live state, and
 * records EventRejected if the order moved on meanwhile.
 */
@Controller("/fulfilments")
@Secured({Roles.OPERATOR, Roles.ADMIN})
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
        List<HttpBodies.FieldViolation> violations = new ArrayList<>();
        Refusals.identifier("orderId", orderId, violations);
        if (!violations.isEmpty()) {
            return Refusals.badRequest("the request", violations);
        }
        Optional<OrderFulfilment> state;
        try {
            state = store.find(orderId);
        } catch (StockStoreQueries.StoreNotReady e) {
            return StockController.unavailable(e.getMessage());
        }
        return state.flatMap(FulfilmentViews::of).<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> notFound(orderId));
    }

    /**
     * The {@code Idempotency-Key} header is the command id, and it is required: without one a
     * retried request could not be told from a new retry, and each would grant one more carrier
     * attempt. A key the order already granted is answered 202 from the order's state, writing nothing.
     */
    @Post("/{orderId}/dispatch-retries")
    HttpResponse<?> retryDispatch(String orderId, @Header(IDEMPOTENCY_KEY) @Nullable String idempotencyKey) {
        List<HttpBodies.FieldViolation> violations = new ArrayList<>();
        Refusals.identifier("orderId", orderId, violations);
        Refusals.identifier(IDEMPOTENCY_KEY, idempotencyKey, ContractLimits.MAX_IDEMPOTENCY_KEY_LENGTH, violations);
        if (!violations.isEmpty()) {
            return Refusals.badRequest("the dispatch retry", violations);
        }
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
        UUID commandEventId = FulfilmentInput.RetryDispatch.idOf(idempotencyKey);
        HttpResponse<?> accepted = HttpResponse.accepted(URI.create("/fulfilments/" + orderId))
                .body(new HttpBodies.RetryAccepted(orderId, idempotencyKey));
        if (fulfilment.operatorRetries().contains(commandEventId)) {
            return accepted; // this very command was granted already: its outcome is recorded, nothing is written
        }
        if (fulfilment.hasHandled(commandEventId)) {
            return conflict("the dispatch retry " + idempotencyKey + " for order " + orderId
                    + " was decided already and refused; the order is " + fulfilment.status());
        }
        Optional<String> refusal = OrderFulfilmentDecider.retryRefusal(fulfilment);
        if (refusal.isPresent()) {
            return conflict("order " + orderId + " is " + fulfilment.status() + ": " + refusal.get());
        }
        try {
            commands.send(new WarehouseCommand.RetryDispatch(orderId, view.get().correlationId(), idempotencyKey,
                    Instant.now()));
        } catch (AckedPublisher.PublishFailed e) {
            return StockController.unavailable(e.getMessage());
        }
        return accepted;
    }

    private static HttpResponse<?> conflict(String message) {
        return HttpResponse.status(HttpStatus.CONFLICT).body(HttpBodies.Problem.of(message));
    }

    private static HttpResponse<?> notFound(String orderId) {
        return HttpResponse.notFound(HttpBodies.Problem.of("the warehouse knows no order " + orderId));
    }
}
