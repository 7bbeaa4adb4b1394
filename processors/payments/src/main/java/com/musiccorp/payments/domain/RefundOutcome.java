package com.musiccorp.payments.domain;

import java.util.Objects;

/** What the gateway answered to a refund. */
public sealed interface RefundOutcome {

    record Refunded(String gatewayReference) implements RefundOutcome {
        public Refunded {
            Objects.requireNonNull(gatewayReference, "gatewayReference");
        }
    }

    /** The gateway will not refund this charge (unknown, not captured, already refunded under another key). */
    record Refused(String reason) implements RefundOutcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** No answer that counts; retried with the same key. */
    record Transient(String reason) implements RefundOutcome {
        public Transient {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
