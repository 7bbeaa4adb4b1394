package com.musiccorp.payments.domain;

import java.util.Objects;
import java.util.UUID;

/** One call to charge, as the gateway port receives it. {@code attempt} is informational (logs, headers). */
public record ChargeRequest(
        UUID idempotencyKey,
        String orderId,
        String customerId,
        Amount amount,
        String paymentMethodToken,
        int attempt) {

    public ChargeRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(paymentMethodToken, "paymentMethodToken");
    }
}
