package com.musiccorp.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * The simulated gateway's answer to a charge.
 *
 * @param reference    the gateway's charge reference, for APPROVED only (null otherwise)
 * @param respondAfter how long the transport should wait before answering (the rule does not sleep)
 * @param replayed     true when the answer comes from the ledger for a repeated idempotency key
 */
public record ChargeReply(Status status, String reference, String message, Duration respondAfter, boolean replayed) {

    public enum Status {
        APPROVED,
        DECLINED,
        LIMIT_EXCEEDED,
        /** Nothing was charged; the same key may be retried. */
        TRANSIENT_FAILURE,
        /** The idempotency key was used before for a different charge; nothing was charged. */
        IDEMPOTENCY_CONFLICT,
        /**
         * The key was looked up before any charge with it got a final answer, so the lookup closed it:
         * nothing was charged, and nothing will ever be charged with this key.
         */
        VOIDED
    }

    public ChargeReply {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(respondAfter, "respondAfter");
    }

    /** Whether this answer is final for its key (recorded in the ledger and replayed for the same key). */
    public boolean isFinal() {
        return status == Status.APPROVED || status == Status.DECLINED || status == Status.LIMIT_EXCEEDED;
    }

    ChargeReply asReplay() {
        return new ChargeReply(status, reference, message, Duration.ZERO, true);
    }
}
