package com.musiccorp.payments.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The decision to charge an order, recorded in the state before the gateway is called. While it is
 * the pending call, whoever executes it (first time, after a restart, after a crash mid-call) sends
 * the same {@code idempotencyKey}, so the gateway charges at most once.
 *
 * @param attempt    1 for the first call; a retry after a transient failure is a new intent with
 *                   {@code attempt + 1} and the same key
 * @param notBefore  do not call the gateway before this instant (the back-off)
 * @param cause      the StockReserved that allowed the charge; the outcome's event derives from it
 */
public record ChargeIntent(
        String orderId,
        UUID idempotencyKey,
        int attempt,
        Instant notBefore,
        Amount amount,
        String customerId,
        String paymentMethodToken,
        Cause cause) implements PaymentFact.GatewayCall {

    public ChargeIntent {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(paymentMethodToken, "paymentMethodToken");
        Objects.requireNonNull(cause, "cause");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, was " + attempt);
        }
    }

    /** The first attempt, due when the charge was decided. */
    static ChargeIntent first(String orderId, OrderTerms terms, Cause reservation, Instant decidedAt) {
        return new ChargeIntent(orderId, IdempotencyKeys.charge(orderId), 1, decidedAt,
                terms.total(), terms.customerId(), terms.paymentMethodToken(), reservation);
    }

    ChargeIntent retryAt(Instant when) {
        return new ChargeIntent(orderId, idempotencyKey, attempt + 1, when, amount, customerId, paymentMethodToken,
                cause);
    }

    public ChargeRequest toRequest() {
        return new ChargeRequest(idempotencyKey, orderId, customerId, amount, paymentMethodToken, attempt);
    }
}
