package com.musiccorp.gateway;

import java.util.Objects;

/** A charge as the simulated gateway receives it (transport-neutral: the HTTP layer maps to this). */
public record ChargeCall(String idempotencyKey, String orderId, String customerId, long amountMinor, String currency,
        String paymentMethodToken) {

    public ChargeCall {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(paymentMethodToken, "paymentMethodToken");
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("amountMinor must be positive, was " + amountMinor);
        }
    }

    /** Whether {@code other} asks for the same charge: a key reused for a different charge is a conflict. */
    boolean sameChargeAs(ChargeCall other) {
        return orderId.equals(other.orderId) && customerId.equals(other.customerId)
                && amountMinor == other.amountMinor && currency.equals(other.currency)
                && paymentMethodToken.equals(other.paymentMethodToken);
    }
}
