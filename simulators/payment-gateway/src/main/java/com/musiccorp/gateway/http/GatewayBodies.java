package com.musiccorp.gateway.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The JSON bodies of the simulated gateway's API. */
final class GatewayBodies {

    private GatewayBodies() {
    }

    /** {@code POST /charges}. */
    @Serdeable
    record ChargeBody(@Nullable String idempotencyKey, @Nullable String orderId, @Nullable String customerId,
            @Nullable Long amountMinor, @Nullable String currency, @Nullable String token) {
    }

    /** {@code POST /refunds}: refunds the charge made with {@code chargeKey}. */
    @Serdeable
    record RefundBody(@Nullable String idempotencyKey, @Nullable String chargeKey, @Nullable String reason) {
    }

    /** 201 (first answer) or 200 (replayed for a repeated key). */
    @Serdeable
    record Approved(String status, String reference, boolean replayed) {
    }

    /** 402 (declined, limit exceeded), 409 (key conflict, refund refused), 503 (transient), 400. */
    @Serdeable
    record Problem(String code, String reason, boolean replayed) {
    }

    /** {@code GET /charges/{key}}: the final answer to the charge with that key. */
    @Serdeable
    record ChargeFound(String idempotencyKey, String status, @Nullable String reference, String orderId,
            long amountMinor, String currency, @Nullable String refundKey) {
    }

    @Serdeable
    record LedgerView(String orderId, int captured, List<Charge> charges) {
    }

    /** A final answer the ledger holds for one idempotency key. */
    @Serdeable
    record Charge(String idempotencyKey, String status, @Nullable String reference, long amountMinor,
            String currency, String customerId, int calls, @Nullable String refundKey) {
    }
}
