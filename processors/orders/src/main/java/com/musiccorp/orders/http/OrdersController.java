package com.musiccorp.orders.http;

import com.musiccorp.orders.domain.OrderCommandRefused;
import com.musiccorp.orders.domain.OrderView;
import com.musiccorp.orders.domain.PlaceOrderRequest;
import com.musiccorp.orders.stream.OrderStoreQueries;
import com.musiccorp.platform.streams.AckedPublisher;
import com.musiccorp.platform.streams.PositionToken;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /orders} places an order; {@code GET /orders/{id}} shows it from {@code orders-store}.
 * Blocking executor: placing waits for the broker's ack, and reads go to RocksDB.
 */
@Controller("/orders")
@Requires(property = OrdersHttpServer.ENABLED, value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
final class OrdersController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final OrderPlacing placing;
    private final OrderCancelling cancelling;
    private final OrderStoreQueries store;
    private final ObjectMapper json;

    OrdersController(OrderPlacing placing, OrderCancelling cancelling, OrderStoreQueries store, ObjectMapper json) {
        this.placing = placing;
        this.cancelling = cancelling;
        this.store = store;
        this.json = json;
    }

    @Post
    HttpResponse<?> place(@Body @Nullable String body, @Header(IDEMPOTENCY_KEY) @Nullable String idempotencyKey) {
        PlaceOrderRequest request;
        try {
            request = body == null || body.isBlank() ? null : json.readValue(body, PlaceOrderRequest.class);
        } catch (IOException | RuntimeException e) {
            return HttpResponse.badRequest(HttpBodies.Problem.of("the body is not a JSON order: " + e.getMessage()));
        }
        if (request != null) {
            // The key is the request's, not the order's: it comes in a header, never in the body.
            request = new PlaceOrderRequest(request.customerId(), request.customerName(), request.customerEmail(),
                    request.lines(), request.currency(), request.shippingAddress(), request.paymentMethodToken(),
                    idempotencyKey);
        }
        try {
            return switch (placing.place(request, Instant.now())) {
                case OrderPlacing.Outcome.Placed placed -> HttpResponse
                        .accepted(URI.create("/orders/" + placed.orderId()))
                        .body(new HttpBodies.OrderAccepted(placed.orderId(), placed.correlationId(),
                                placed.position() == null ? null : placed.position().toString()));
                case OrderPlacing.Outcome.Refused refused -> HttpResponse.badRequest(
                        HttpBodies.Problem.refused(refused.violations()));
            };
        } catch (OrderCommandRefused e) {
            HttpStatus status = e.kind() == OrderCommandRefused.Kind.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
            return HttpResponse.status(status).body(HttpBodies.Problem.of(e.getMessage()));
        } catch (OrderStoreQueries.StoreNotReady | AckedPublisher.PublishFailed e) {
            return unavailable(e.getMessage());
        }
    }

    /**
     * An operator cancels an order whose dispatch failed: 202 once the command is durably queued
     * (follow {@code Location} to see the order cancelled), 400 without a reason, 404, or 409 saying
     * why this order cannot be cancelled now.
     */
    @Post("/{orderId}/cancellation")
    HttpResponse<?> cancel(String orderId, @Body @Nullable String body,
                           @Header(IDEMPOTENCY_KEY) @Nullable String idempotencyKey) {
        String reason;
        try {
            HttpBodies.CancellationRequest request = body == null || body.isBlank() ? null
                    : json.readValue(body, HttpBodies.CancellationRequest.class);
            reason = request == null ? null : request.reason();
        } catch (IOException | RuntimeException e) {
            return HttpResponse.badRequest(HttpBodies.Problem.of("the body is not a JSON cancellation: " + e.getMessage()));
        }
        if (reason == null || reason.isBlank()) {
            return HttpResponse.badRequest(new HttpBodies.Problem("the cancellation was refused: 1 violation",
                    List.of(new HttpBodies.FieldViolation("reason", "must say why the order is cancelled"))));
        }
        try {
            OrderCancelling.Accepted accepted = cancelling.cancel(orderId, reason, idempotencyKey, Instant.now());
            return HttpResponse.accepted(URI.create("/orders/" + orderId))
                    .body(new HttpBodies.CancellationAccepted(accepted.orderId(), accepted.correlationId(),
                            accepted.commandId(), accepted.position().toString()));
        } catch (OrderCommandRefused e) {
            HttpStatus status = e.kind() == OrderCommandRefused.Kind.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
            return HttpResponse.status(status).body(HttpBodies.Problem.of(e.getMessage()));
        } catch (OrderStoreQueries.StoreNotReady | AckedPublisher.PublishFailed e) {
            return unavailable(e.getMessage());
        }
    }

    /**
     * The order; with {@code position} (from a command's answer) only once the view has processed
     * that write, waiting up to {@code wait} (ISO-8601, default PT5S, at most PT30S), else 503.
     */
    @Get("/{orderId}{?position,wait}")
    HttpResponse<?> view(String orderId, @QueryValue @Nullable String position, @QueryValue @Nullable String wait) {
        PositionToken seen;
        Duration waitFor;
        try {
            seen = position == null || position.isBlank() ? null : PositionToken.parse(position);
            waitFor = wait == null || wait.isBlank() ? DEFAULT_WAIT : Duration.parse(wait);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return HttpResponse.badRequest(new HttpBodies.Problem("the query was refused: 1 violation", List.of(
                    new HttpBodies.FieldViolation(position != null && !(e instanceof DateTimeParseException) ? "position" : "wait",
                            e.getMessage()))));
        }
        if (waitFor.isNegative() || waitFor.compareTo(MAX_WAIT) > 0) {
            return HttpResponse.badRequest(new HttpBodies.Problem("the query was refused: 1 violation", List.of(
                    new HttpBodies.FieldViolation("wait", "must be between PT0S and " + MAX_WAIT))));
        }
        Optional<OrderView> view;
        try {
            view = store.find(orderId, seen, waitFor).flatMap(OrderView::of);
        } catch (OrderStoreQueries.StoreNotReady e) {
            return unavailable(e.getMessage());
        }
        return view.<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> HttpResponse.notFound(HttpBodies.Problem.of("no order " + orderId)));
    }

    /** Not knowing yet is not "no such order": the client is told to come back in a second. */
    static MutableHttpResponse<HttpBodies.Problem> unavailable(String message) {
        return HttpResponse.<HttpBodies.Problem>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "1")
                .body(HttpBodies.Problem.of(message));
    }
}
