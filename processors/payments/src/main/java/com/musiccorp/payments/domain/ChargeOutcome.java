package com.musiccorp.payments.domain;

import java.util.Objects;

/** What the gateway answered to a charge. */
public sealed interface ChargeOutcome {

    /** The gateway captured the amount. */
    record Approved(String gatewayReference) implements ChargeOutcome {
        public Approved {
            Objects.requireNonNull(gatewayReference, "gatewayReference");
        }
    }

    /** The gateway refused for good; retrying the same request would be refused again. */
    record Declined(String reason, DeclineCode code) implements ChargeOutcome {
        public Declined {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(code, "code");
        }
    }

    /**
     * No answer that counts: a timeout, a 5xx, a dropped connection. The charge may or may not have
     * happened; retrying with the same idempotency key is safe either way.
     */
    record Transient(String reason) implements ChargeOutcome {
        public Transient {
            Objects.requireNonNull(reason, "reason");
        }
    }

    enum DeclineCode {
        DECLINED,
        LIMIT_EXCEEDED
    }
}
