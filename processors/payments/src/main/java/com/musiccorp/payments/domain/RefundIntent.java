package com.musiccorp.payments.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The decision to refund an order's charge, recorded before the gateway is called; like
 * {@link ChargeIntent}, every execution of it sends the same {@code idempotencyKey} (its own key,
 * not the charge's), and it names the charge to refund by {@code chargeKey}.
 *
 * @param cause the ItemNotFound that made the refund necessary; PaymentRefunded derives from it
 */
public record RefundIntent(
        String orderId,
        UUID idempotencyKey,
        UUID chargeKey,
        String paymentId,
        int attempt,
        Instant notBefore,
        Amount amount,
        String customerId,
        String reason,
        Cause cause) implements PaymentFact.GatewayCall {

    public RefundIntent {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(chargeKey, "chargeKey");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(cause, "cause");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, was " + attempt);
        }
    }

    RefundIntent retryAt(Instant when) {
        return new RefundIntent(orderId, idempotencyKey, chargeKey, paymentId, attempt + 1, when, amount, customerId,
                reason, cause);
    }

    public RefundRequest toRequest() {
        return new RefundRequest(idempotencyKey, chargeKey, orderId, amount, reason, attempt);
    }
}
