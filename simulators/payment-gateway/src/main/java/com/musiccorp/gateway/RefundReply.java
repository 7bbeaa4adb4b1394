package com.musiccorp.gateway;

import java.util.Objects;

/** The simulated gateway's answer to a refund; {@code reference} is set for REFUNDED only. */
public record RefundReply(Status status, String reference, String message, boolean replayed) {

    public enum Status {
        REFUNDED,
        /** No captured charge under that key, or it was already refunded under another refund key. */
        REFUSED,
        /** The refund key was used before for a different charge. */
        IDEMPOTENCY_CONFLICT
    }

    public RefundReply {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    RefundReply asReplay() {
        return new RefundReply(status, reference, message, true);
    }
}
