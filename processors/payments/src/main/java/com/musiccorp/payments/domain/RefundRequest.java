package com.musiccorp.payments.domain;

import java.util.Objects;
import java.util.UUID;

/** One call to refund the charge made with {@code chargeKey}, under the refund's own {@code idempotencyKey}. */
public record RefundRequest(
        UUID idempotencyKey,
        UUID chargeKey,
        String orderId,
        Amount amount,
        String reason,
        int attempt) {

    public RefundRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(chargeKey, "chargeKey");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reason, "reason");
    }
}
