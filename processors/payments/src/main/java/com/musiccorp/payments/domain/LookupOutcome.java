package com.musiccorp.payments.domain;

import java.util.Objects;

/** What the gateway answered when asked what happened to the charge with an idempotency key. */
public sealed interface LookupOutcome {

    /** The gateway captured the charge under that key: it happened, whatever payments heard before. */
    record Captured(String gatewayReference) implements LookupOutcome {
        public Captured {
            Objects.requireNonNull(gatewayReference, "gatewayReference");
        }
    }

    /** The gateway refused the charge under that key for good (declined, over the limit). */
    record Refused(String reason, ChargeOutcome.DeclineCode code) implements LookupOutcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(code, "code");
        }
    }

    /**
     * The gateway has no charge under that key, and has closed the key: a request with it that is
     * still on its way will be refused, so no charge can ever be made with it.
     */
    record NotFound(String reason) implements LookupOutcome {
        public NotFound {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** No answer that counts (a timeout, a 5xx): the lookup is asked again after a back-off. */
    record Transient(String reason) implements LookupOutcome {
        public Transient {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
