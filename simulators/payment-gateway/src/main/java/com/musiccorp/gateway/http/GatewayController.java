package com.musiccorp.gateway.http;

import com.musiccorp.gateway.ChargeCall;
import com.musiccorp.gateway.ChargeReply;
import com.musiccorp.gateway.GatewaySimulator;
import com.musiccorp.gateway.Ledger;
import com.musiccorp.gateway.RefundCall;
import com.musiccorp.gateway.RefundReply;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /charges}, {@code GET /charges/{key}}, {@code POST /refunds}, {@code GET /ledger?orderId=}. The rules run under
 * the simulator's lock and never sleep; a slow token's delay is waited here, after the lock is
 * released and off the event loop (a delayed completion), so one slow charge holds up nobody else.
 */
@Controller
final class GatewayController {

    private final GatewaySimulator simulator;

    GatewayController(GatewaySimulator simulator) {
        this.simulator = simulator;
    }

    @Post("/charges")
    CompletableFuture<HttpResponse<?>> charge(@Body GatewayBodies.ChargeBody body) {
        ChargeCall call;
        try {
            call = new ChargeCall(body.idempotencyKey(), body.orderId(), body.customerId(),
                    body.amountMinor() == null ? 0 : body.amountMinor(), body.currency(), body.token());
        } catch (NullPointerException | IllegalArgumentException e) {
            return CompletableFuture.completedFuture(HttpResponse.badRequest(
                    new GatewayBodies.Problem("INVALID_REQUEST", String.valueOf(e.getMessage()), false)));
        }
        ChargeReply reply = simulator.charge(call);
        HttpResponse<?> response = switch (reply.status()) {
            case APPROVED -> HttpResponse.status(reply.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                    .body(new GatewayBodies.Approved("APPROVED", reply.reference(), reply.replayed()));
            case DECLINED, LIMIT_EXCEEDED -> HttpResponse.status(HttpStatus.PAYMENT_REQUIRED)
                    .body(new GatewayBodies.Problem(reply.status().name(), reply.message(), reply.replayed()));
            case TRANSIENT_FAILURE -> HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", "1")
                    .body(new GatewayBodies.Problem(reply.status().name(), reply.message(), false));
            case IDEMPOTENCY_CONFLICT, VOIDED -> HttpResponse.status(HttpStatus.CONFLICT)
                    .body(new GatewayBodies.Problem(reply.status().name(), reply.message(), false));
        };
        return after(reply.respondAfter(), response);
    }

    /**
     * What happened to a charge, by its idempotency key: 200 with its final answer, or 404 when no
     * charge with that key got one, which voids the key (see {@link GatewaySimulator#lookup}).
     */
    @Get("/charges/{idempotencyKey}")
    HttpResponse<?> lookup(String idempotencyKey) {
        return simulator.lookup(idempotencyKey)
                .<HttpResponse<?>>map(entry -> HttpResponse.ok(new GatewayBodies.ChargeFound(
                        entry.call().idempotencyKey(), entry.reply().status().name(), entry.reply().reference(),
                        entry.call().orderId(), entry.call().amountMinor(), entry.call().currency(),
                        entry.refundKey())))
                .orElseGet(() -> HttpResponse.notFound(new GatewayBodies.Problem("NOT_FOUND",
                        "no charge with key " + idempotencyKey + "; the key is now void", false)));
    }

    @Post("/refunds")
    HttpResponse<?> refund(@Body GatewayBodies.RefundBody body) {
        RefundCall call;
        try {
            call = new RefundCall(body.idempotencyKey(), body.chargeKey(), body.reason() == null ? "" : body.reason());
        } catch (NullPointerException | IllegalArgumentException e) {
            return HttpResponse.badRequest(new GatewayBodies.Problem("INVALID_REQUEST", String.valueOf(e.getMessage()), false));
        }
        RefundReply reply = simulator.refund(call);
        return switch (reply.status()) {
            case REFUNDED -> HttpResponse.status(reply.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                    .body(new GatewayBodies.Approved("REFUNDED", reply.reference(), reply.replayed()));
            case REFUSED, IDEMPOTENCY_CONFLICT -> HttpResponse.status(HttpStatus.CONFLICT)
                    .body(new GatewayBodies.Problem(reply.status().name(), reply.message(), reply.replayed()));
        };
    }

    @Get("/ledger")
    HttpResponse<?> ledger(@QueryValue @Nullable String orderId) {
        if (orderId == null || orderId.isBlank()) {
            return HttpResponse.badRequest(new GatewayBodies.Problem("INVALID_REQUEST", "orderId is required", false));
        }
        Ledger ledger = simulator.ledger();
        var charges = ledger.chargesFor(orderId).stream()
                .map(entry -> new GatewayBodies.Charge(entry.call().idempotencyKey(), entry.reply().status().name(),
                        entry.reply().reference(), entry.call().amountMinor(), entry.call().currency(),
                        entry.call().customerId(), ledger.callsWith(entry.call().idempotencyKey()), entry.refundKey()))
                .toList();
        return HttpResponse.ok(new GatewayBodies.LedgerView(orderId, ledger.capturedChargesFor(orderId).size(), charges));
    }

    private static CompletableFuture<HttpResponse<?>> after(Duration delay, HttpResponse<?> response) {
        if (delay.isZero() || delay.isNegative()) {
            return CompletableFuture.completedFuture(response);
        }
        return CompletableFuture.supplyAsync(() -> response,
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
    }
}
