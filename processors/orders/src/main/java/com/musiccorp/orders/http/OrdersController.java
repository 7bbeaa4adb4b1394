package com.musiccorp.orders.http;

import com.musiccorp.platform.http.security.Roles;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import com.musiccorp.platform.http.security.Caller;
import com.musiccorp.platform.http.security.Refusal;
import com.musiccorp.orders.domain.CancelOrder;
import com.musiccorp.orders.domain.OrderCommandRefused;
import com.musiccorp.orders.domain.OrderView;
import com.musiccorp.orders.domain.PlaceOrderRequest;
import com.musiccorp.orders.stream.OrderStoreQueries;
import com.musiccorp.orders.stream.ReachablePositions;
import com.musiccorp.platform.http.StrictJson;
import com.musiccorp.platform.streams.AckedPublisher;
import com.musiccorp.platform.streams.PositionToken;
import com.musiccorp.schemas.ContractLimits;
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

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /orders} places an order; {@code GET /orders/{id}} shows it from {@code orders-store}.
 * Blocking executor: placing waits for the broker's ack, and reads go to RocksDB.
 *
 * <p>Nothing a client sends is trusted: bodies are read without type coercion ({@link StrictJson}),
 * path identifiers, keys, reasons and positions are checked against {@link ContractLimits} before
 * anything is read or written, and every refusal is a 4xx naming each field at fault.
 *
 * <p>A customer places orders for itself and reads its own (403 otherwise); operators and admins
 * act for every customer and alone may cancel.
 */
@Controller("/orders")
@Secured({Roles.OPERATOR, Roles.ADMIN})
@Requires(property = OrdersHttpServer.ENABLED, value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
final class OrdersController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    static final String KEY_REQUIRED_FOR_CANCELLATION = "is required: it names the cancellation, so a retry after an"
            + " uncertain answer (a timeout, a 503) is answered with the first outcome and never written twice";

    private final OrderPlacing placing;
    private final OrderCancelling cancelling;
    private final OrderStoreQueries store;
    private final ReachablePositions positions;
    private final StrictJson json;
    private final PersonalFields personalFields;

    OrdersController(OrderPlacing placing, OrderCancelling cancelling, OrderStoreQueries store,
                     ReachablePositions positions, ObjectMapper json, PersonalFields personalFields) {
        this.personalFields = personalFields;
        this.placing = placing;
        this.cancelling = cancelling;
        this.store = store;
        this.positions = positions;
        this.json = new StrictJson(json);
    }

    @Post
    @Secured({Roles.CUSTOMER, Roles.OPERATOR, Roles.ADMIN})
    HttpResponse<?> place(@Body @Nullable byte[] body, @Header(IDEMPOTENCY_KEY) @Nullable String idempotencyKey,
                          @Nullable Authentication authentication) {
        PlaceOrderRequest request;
        try {
            request = json.read(body, PlaceOrderRequest.class);
        } catch (StrictJson.Refused e) {
            return HttpResponse.badRequest(HttpBodies.Problem.unreadable(e));
        }
        if (request != null) {
            Optional<String> refused = Caller.of(authentication).refusalFor("customer id in an order", request.customerId());
            if (refused.isPresent()) {
                return Refusal.forbidden(refused.get());
            }
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
            return refused(e);
        } catch (OrderStoreQueries.StoreNotReady | AckedPublisher.PublishFailed e) {
            return unavailable(e.getMessage());
        }
    }

    /**
     * An operator cancels an order whose dispatch failed: 202 once the command is durably queued
     * (follow {@code Location} to see the order cancelled), 400 naming each field at fault (the
     * order id, the reason, the required {@code Idempotency-Key}), 404, or 409 saying why this order
     * cannot be cancelled now. The same key again is answered with the first answer, writing nothing.
     */
    @Post("/{orderId}/cancellation")
    HttpResponse<?> cancel(String orderId, @Body @Nullable byte[] body,
                           @Header(IDEMPOTENCY_KEY) @Nullable String idempotencyKey) {
        HttpBodies.CancellationRequest request;
        try {
            request = json.read(body, HttpBodies.CancellationRequest.class);
        } catch (StrictJson.Refused e) {
            return HttpResponse.badRequest(HttpBodies.Problem.unreadable(e));
        }
        String reason = request == null ? null : request.reason();
        List<HttpBodies.FieldViolation> violations = new ArrayList<>();
        check(violations, "orderId", ContractLimits.identifierProblem(orderId));
        check(violations, IDEMPOTENCY_KEY, idempotencyKey == null ? KEY_REQUIRED_FOR_CANCELLATION
                : ContractLimits.identifierProblem(idempotencyKey, ContractLimits.MAX_IDEMPOTENCY_KEY_LENGTH));
        check(violations, "reason", CancelOrder.reasonProblem(reason));
        if (!violations.isEmpty()) {
            return HttpResponse.badRequest(HttpBodies.Problem.refused("cancellation", violations));
        }
        try {
            OrderCancelling.Accepted accepted = cancelling.cancel(orderId, reason, idempotencyKey, Instant.now());
            return HttpResponse.accepted(URI.create("/orders/" + orderId))
                    .body(new HttpBodies.CancellationAccepted(accepted.orderId(), accepted.correlationId(),
                            accepted.commandId(), accepted.position() == null ? null : accepted.position().toString()));
        } catch (OrderCommandRefused e) {
            return refused(e);
        } catch (OrderStoreQueries.StoreNotReady | AckedPublisher.PublishFailed e) {
            return unavailable(e.getMessage());
        }
    }

    /**
     * The order; with {@code position} (from a command's answer) only once the view has processed
     * that write, waiting up to {@code wait} (ISO-8601, default PT5S, at most PT30S), else 503. A
     * position the view can never reach (a topic it does not read, no such partition, an offset not
     * written yet) is a 400 at once.
     */
    @Get("/{orderId}{?position,wait}")
    @Secured({Roles.CUSTOMER, Roles.OPERATOR, Roles.ADMIN})
    HttpResponse<?> view(String orderId, @QueryValue @Nullable String position, @QueryValue @Nullable String wait,
                         @Nullable Authentication authentication) {
        List<HttpBodies.FieldViolation> violations = new ArrayList<>();
        check(violations, "orderId", ContractLimits.identifierProblem(orderId));
        PositionToken seen = null;
        if (position != null) {
            try {
                seen = PositionToken.parse(position);
            } catch (IllegalArgumentException e) {
                check(violations, "position", e.getMessage());
            }
        }
        Duration waitFor = DEFAULT_WAIT;
        try {
            waitFor = wait == null || wait.isBlank() ? DEFAULT_WAIT : Duration.parse(wait);
            if (waitFor.isNegative() || waitFor.compareTo(MAX_WAIT) > 0) {
                check(violations, "wait", "must be between PT0S and " + MAX_WAIT);
            }
        } catch (DateTimeParseException e) {
            check(violations, "wait", "must be an ISO-8601 duration, e.g. PT5S");
        }
        if (!violations.isEmpty()) {
            return HttpResponse.badRequest(HttpBodies.Problem.refused("query", violations));
        }
        Optional<OrderView> view;
        try {
            if (seen != null) {
                String unreachable = positions.problem(seen);
                if (unreachable != null) {
                    return HttpResponse.badRequest(HttpBodies.Problem.refused("query",
                            List.of(new HttpBodies.FieldViolation("position", unreachable))));
                }
            }
            view = store.find(orderId, seen, waitFor).flatMap(OrderView::of);
        } catch (OrderStoreQueries.StoreNotReady e) {
            return unavailable(e.getMessage());
        }
        Caller caller = Caller.of(authentication);
        Optional<String> refused = view.flatMap(v -> caller.refusalFor("orders", v.customerId()));
        if (refused.isPresent()) {
            return Refusal.forbidden(refused.get());
        }
        return view.map(v -> caller.maySeePersonalDataOf(v.customerId()) ? personalFields.opened(v) : v.withoutPersonalData())
                .<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> HttpResponse.notFound(HttpBodies.Problem.of("no order " + orderId)));
    }

    private static void check(List<HttpBodies.FieldViolation> violations, String field, @Nullable String problem) {
        if (problem != null) {
            violations.add(new HttpBodies.FieldViolation(field, problem));
        }
    }

    private static MutableHttpResponse<HttpBodies.Problem> refused(OrderCommandRefused e) {
        HttpStatus status = e.kind() == OrderCommandRefused.Kind.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
        return HttpResponse.<HttpBodies.Problem>status(status).body(HttpBodies.Problem.of(e.getMessage()));
    }

    /** Not knowing yet is not "no such order": the client is told to come back in a second. */
    static MutableHttpResponse<HttpBodies.Problem> unavailable(String message) {
        return HttpResponse.<HttpBodies.Problem>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "1")
                .body(HttpBodies.Problem.of(message));
    }
}
