package com.musiccorp.payments.domain;

import com.musiccorp.events.ItemNotFound;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.StockInsufficient;
import com.musiccorp.events.StockReserved;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What payments reacts to: five events of other contexts, and the gateway's answers to the calls
 * payments recorded. Every input has an id; an input whose id the state has already seen is a
 * duplicate and decides nothing.
 */
public sealed interface PaymentInput {

    String orderId();

    /** The id de-duplication uses: the event id, or for an answer {@link IdempotencyKeys#answer}. */
    UUID inputId();

    /** Simple name of the input's type, as an {@code EventRejected} reports it. */
    String typeName();

    /** The identity payments' events caused by this input derive from. */
    Cause cause();

    /**
     * The input for an event read from another context's topic, or empty for event types payments
     * does not react to (the topology skips those).
     */
    static Optional<PaymentInput> fromEvent(Object event) {
        return Optional.ofNullable(switch (event) {
            case OrderPlaced e -> new Placed(e);
            case StockReserved e -> new Reserved(e);
            case StockInsufficient e -> new ReservationFailed(e);
            case ItemNotFound e -> new ItemMissing(e);
            case OrderCancelled e -> new Cancelled(e);
            case null, default -> null;
        });
    }

    record Placed(OrderPlaced event) implements PaymentInput {
        public String orderId() {
            return event.getOrderId();
        }

        public UUID inputId() {
            return event.getMetadata().getEventId();
        }

        public String typeName() {
            return "OrderPlaced";
        }

        public Cause cause() {
            return Cause.of(event.getMetadata());
        }
    }

    record Reserved(StockReserved event) implements PaymentInput {
        public String orderId() {
            return event.getOrderId();
        }

        public UUID inputId() {
            return event.getMetadata().getEventId();
        }

        public String typeName() {
            return "StockReserved";
        }

        public Cause cause() {
            return Cause.of(event.getMetadata());
        }
    }

    record ReservationFailed(StockInsufficient event) implements PaymentInput {
        public String orderId() {
            return event.getOrderId();
        }

        public UUID inputId() {
            return event.getMetadata().getEventId();
        }

        public String typeName() {
            return "StockInsufficient";
        }

        public Cause cause() {
            return Cause.of(event.getMetadata());
        }
    }

    record ItemMissing(ItemNotFound event) implements PaymentInput {
        public String orderId() {
            return event.getOrderId();
        }

        public UUID inputId() {
            return event.getMetadata().getEventId();
        }

        public String typeName() {
            return "ItemNotFound";
        }

        public Cause cause() {
            return Cause.of(event.getMetadata());
        }
    }

    /** The saga gave up on the order (orders.events); a payment already taken must go back. */
    record Cancelled(OrderCancelled event) implements PaymentInput {
        public String orderId() {
            return event.getOrderId();
        }

        public UUID inputId() {
            return event.getMetadata().getEventId();
        }

        public String typeName() {
            return "OrderCancelled";
        }

        public Cause cause() {
            return Cause.of(event.getMetadata());
        }
    }

    /**
     * The gateway's answer to attempt {@code attempt} of the charge with {@code idempotencyKey}.
     *
     * @param correlationId the saga of the intent it answers
     * @param observedAt when the caller got the answer; the back-off is counted from it
     */
    record ChargeAnswered(String orderId, String correlationId, UUID idempotencyKey, int attempt,
            ChargeOutcome outcome, Instant observedAt) implements PaymentInput {

        public ChargeAnswered {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(observedAt, "observedAt");
        }

        public static ChargeAnswered to(ChargeIntent intent, ChargeOutcome outcome, Instant observedAt) {
            return new ChargeAnswered(intent.orderId(), intent.cause().correlationId(), intent.idempotencyKey(),
                    intent.attempt(), outcome, observedAt);
        }

        public UUID inputId() {
            return IdempotencyKeys.answer(idempotencyKey, attempt);
        }

        public String typeName() {
            return "ChargeAnswered";
        }

        /**
         * An answer is not an event on any topic: its identity is its answer id, in the saga of the
         * call it answers (the intent's correlation id, which is not the order id).
         */
        public Cause cause() {
            return new Cause(inputId(), correlationId, observedAt, "payment-gateway");
        }
    }

    /**
     * The gateway's answer to lookup {@code attempt} of the charge with {@code idempotencyKey}: what
     * happened to it.
     */
    record ChargeLookedUp(String orderId, String correlationId, UUID idempotencyKey, int attempt,
            LookupOutcome outcome, Instant observedAt) implements PaymentInput {

        public ChargeLookedUp {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(observedAt, "observedAt");
        }

        public static ChargeLookedUp to(ChargeLookup lookup, LookupOutcome outcome, Instant observedAt) {
            return new ChargeLookedUp(lookup.orderId(), lookup.charge().cause().correlationId(),
                    lookup.idempotencyKey(), lookup.attempt(), outcome, observedAt);
        }

        public UUID inputId() {
            return IdempotencyKeys.lookupAnswer(idempotencyKey, attempt);
        }

        public String typeName() {
            return "ChargeLookedUp";
        }

        public Cause cause() {
            return new Cause(inputId(), correlationId, observedAt, "payment-gateway");
        }
    }

    /** The gateway's answer to attempt {@code attempt} of the refund with {@code idempotencyKey}. */
    record RefundAnswered(String orderId, String correlationId, UUID idempotencyKey, int attempt,
            RefundOutcome outcome, Instant observedAt) implements PaymentInput {

        public RefundAnswered {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(observedAt, "observedAt");
        }

        public static RefundAnswered to(RefundIntent intent, RefundOutcome outcome, Instant observedAt) {
            return new RefundAnswered(intent.orderId(), intent.cause().correlationId(), intent.idempotencyKey(),
                    intent.attempt(), outcome, observedAt);
        }

        public UUID inputId() {
            return IdempotencyKeys.answer(idempotencyKey, attempt);
        }

        public String typeName() {
            return "RefundAnswered";
        }

        public Cause cause() {
            return new Cause(inputId(), correlationId, observedAt, "payment-gateway");
        }
    }
}
