package com.musiccorp.orders.domain;

import com.musiccorp.schemas.ContractLimits;

import java.time.Instant;
import java.util.Objects;

/**
 * An operator cancels an order: the only way out of {@link OrderStatus#NEEDS_ATTENTION} other than
 * a successful dispatch retry (which the warehouse owns).
 *
 * @param commandId   identifies the request (e.g. the operator's idempotency key), so a retried
 *                    cancel yields the same {@code OrderCancelled} event id and is not refused
 * @param reason      the operator's words; quoted in the customer-facing reason
 * @param requestedAt when the operator asked (the cancellation happens when the order decides it)
 */
public record CancelOrder(String orderId, String commandId, String reason, Instant requestedAt)
        implements OrderInput {

    public CancelOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        String problem = reasonProblem(reason);
        if (problem != null) {
            throw new IllegalArgumentException("reason " + problem);
        }
    }

    /**
     * Null when {@code reason} may be a cancellation's reason, else what is wrong with it, for the
     * operator: it is quoted to the customer and carried in {@code OrderCancelled}, so it is bounded.
     */
    public static String reasonProblem(String reason) {
        if (reason == null || reason.isBlank()) {
            return "must say why the order is cancelled";
        }
        return ContractLimits.textProblem(reason, ContractLimits.MAX_REASON_LENGTH);
    }
}
