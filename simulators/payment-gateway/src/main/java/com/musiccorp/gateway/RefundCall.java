package com.musiccorp.gateway;

import java.util.Objects;

/** A refund of the charge made with {@code chargeKey}, under the refund's own {@code idempotencyKey}. */
public record RefundCall(String idempotencyKey, String chargeKey, String reason) {

    public RefundCall {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(chargeKey, "chargeKey");
        Objects.requireNonNull(reason, "reason");
    }
}
