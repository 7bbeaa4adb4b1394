package com.musiccorp.payments.domain;

import com.musiccorp.events.EventRejected;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentRefunded;
import com.musiccorp.events.PaymentTaken;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything payments records about an order. {@link Published} facts are the context's events
 * (written to payments.events); {@link Recorded} facts only change payments' own state (the state
 * store and its changelog). Folding all of them with {@link PaymentDecider#evolve} rebuilds the state.
 */
public sealed interface PaymentFact {

    String orderId();

    /** A fact the rest of the saga sees: {@link #event()} is written to payments.events. */
    sealed interface Published extends PaymentFact {
        SpecificRecord event();
    }

    /** A fact private to payments: kept in its state, never published. */
    sealed interface Recorded extends PaymentFact {
    }

    /**
     * A call to make to the gateway. Recorded in the state (and committed) before anyone calls;
     * while it is the state's pending call, executing it again is safe.
     */
    sealed interface GatewayCall extends Recorded permits ChargeIntent, RefundIntent, ChargeLookup {
        UUID idempotencyKey();

        int attempt();

        Instant notBefore();

        /** The identity of the gateway's answer to this attempt; see {@link IdempotencyKeys#answer}. */
        default UUID answerId() {
            return IdempotencyKeys.answer(idempotencyKey(), attempt());
        }

        /** The call's identity while it is pending: a retry is a new call, a lookup not the charge's call. */
        default String callId() {
            return idempotencyKey() + "#" + attempt();
        }
    }

    record Taken(PaymentTaken event) implements Published {
        public String orderId() {
            return event.getOrderId();
        }
    }

    record Failed(PaymentFailed event) implements Published {
        public String orderId() {
            return event.getOrderId();
        }
    }

    record Refunded(PaymentRefunded event) implements Published {
        public String orderId() {
            return event.getOrderId();
        }
    }

    /** An input refused as an illegal transition; the state is unchanged, except that the input counts as seen. */
    record Rejected(EventRejected event) implements Published {
        public String orderId() {
            return event.getOrderId();
        }
    }

    /** OrderPlaced was read: payments now knows whom to charge, how much and with which token. */
    record OrderTermsRecorded(String orderId, OrderTerms terms, Cause cause) implements Recorded {
        public OrderTermsRecorded {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(terms, "terms");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * StockReserved arrived before OrderPlaced (they come from different topics, so their order is
     * not guaranteed). Payments waits for the order's terms and charges when they arrive.
     */
    record ReservationParked(String orderId, Cause reservation) implements Recorded {
        public ReservationParked {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(reservation, "reservation");
        }
    }

    /** StockInsufficient was read: this order is never charged. */
    record ChargeAbandoned(String orderId, String reason, Cause cause) implements Recorded {
        public ChargeAbandoned {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** OrderCancelled was read: nothing is charged any more; see {@link Payment.Cancellation}. */
    record CancellationRecorded(String orderId, Payment.Cancellation cancellation) implements Recorded {
        public CancellationRecorded {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(cancellation, "cancellation");
        }
    }

    /**
     * The gateway refused the refund for good. There is no RefundFailed event in the schemas yet,
     * so the order stays in REFUND_BLOCKED for a person to resolve.
     */
    record RefundRefused(String orderId, String reason, UUID answerId) implements Recorded {
        public RefundRefused {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(answerId, "answerId");
        }
    }
}
