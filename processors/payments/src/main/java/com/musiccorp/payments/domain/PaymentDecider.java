package com.musiccorp.payments.domain;

import com.musiccorp.events.EventRejected;
import com.musiccorp.events.ItemNotFound;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentFailureReason;
import com.musiccorp.events.PaymentRefunded;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.payments.domain.Payment.Cancellation;
import com.musiccorp.payments.domain.Payment.Receipt;
import com.musiccorp.payments.domain.Payment.Stage;
import com.musiccorp.payments.domain.PaymentFact.CancellationRecorded;
import com.musiccorp.payments.domain.PaymentFact.ChargeAbandoned;
import com.musiccorp.payments.domain.PaymentFact.Failed;
import com.musiccorp.payments.domain.PaymentFact.OrderTermsRecorded;
import com.musiccorp.payments.domain.PaymentFact.Refunded;
import com.musiccorp.payments.domain.PaymentFact.RefundRefused;
import com.musiccorp.payments.domain.PaymentFact.Rejected;
import com.musiccorp.payments.domain.PaymentFact.ReservationParked;
import com.musiccorp.payments.domain.PaymentFact.Taken;
import com.musiccorp.payments.domain.PaymentInput.Cancelled;
import com.musiccorp.payments.domain.PaymentInput.ChargeAnswered;
import com.musiccorp.payments.domain.PaymentInput.ChargeLookedUp;
import com.musiccorp.payments.domain.PaymentInput.ItemMissing;
import com.musiccorp.payments.domain.PaymentInput.Placed;
import com.musiccorp.payments.domain.PaymentInput.RefundAnswered;
import com.musiccorp.payments.domain.PaymentInput.Reserved;
import com.musiccorp.payments.domain.PaymentInput.ReservationFailed;
import com.musiccorp.platform.decider.Decider;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Payments' part of the order saga, per order:
 * <ul>
 *   <li>OrderPlaced: remember whom to charge, how much, with which token. Never charge yet.</li>
 *   <li>StockReserved: record a {@link ChargeIntent} (the gateway is called only after that is
 *       committed). If the order's terms have not arrived yet, wait for them.</li>
 *   <li>StockInsufficient: never charge this order.</li>
 *   <li>The gateway's answer: approved gives PaymentTaken; declined or limit exceeded gives
 *       PaymentFailed; a transient failure records a retry with back-off under the same key. Past the
 *       retry limit payments records a {@link ChargeLookup}: it asks the gateway what happened under
 *       that key (retried until it answers), and captured gives PaymentTaken, not found
 *       PaymentFailed(GATEWAY_UNAVAILABLE).</li>
 *   <li>ItemNotFound after PaymentTaken: record a {@link RefundIntent}; its answer gives PaymentRefunded.</li>
 *   <li>OrderCancelled: never charge the order from now on. A payment already taken is refunded
 *       (same intent, key and retries as ItemNotFound's), unless the cancellation is ITEM_NOT_FOUND,
 *       whose refund ItemNotFound starts; a charge still in flight is refunded once it is taken.
 *       A refund already running or done is not repeated.</li>
 * </ul>
 * An input whose id was already seen decides nothing; an input the stage does not allow decides one
 * {@code EventRejected} and leaves the stage as it was.
 */
public final class PaymentDecider implements Decider<PaymentInput, PaymentFact, Payment> {

    /** The producer name in the metadata of every event payments emits. */
    public static final String PRODUCER = "payments";

    private final RetryPolicy retryPolicy;

    public PaymentDecider() {
        this(RetryPolicy.DEFAULT);
    }

    public PaymentDecider(RetryPolicy retryPolicy) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    @Override
    public Payment initialState() {
        return Payment.initial();
    }

    @Override
    public List<PaymentFact> decide(PaymentInput input, Payment state, Instant decidedAt) {
        if (state.orderId() != null && !state.orderId().equals(input.orderId())) {
            throw new IllegalArgumentException(
                    "input for order " + input.orderId() + " given the state of order " + state.orderId());
        }
        if (state.hasSeen(input.inputId())) {
            return List.of();
        }
        return switch (input) {
            case Placed placed -> rememberTerms(placed, state, decidedAt);
            case Reserved reserved -> chargeForReservation(reserved, state, decidedAt);
            case ReservationFailed failed -> abandonCharge(failed, state, decidedAt);
            case ItemMissing missing -> refundMissingItem(missing, state, decidedAt);
            case Cancelled cancelled -> cancel(cancelled, state, decidedAt);
            case ChargeAnswered answer -> settleCharge(answer, state, decidedAt);
            case RefundAnswered answer -> settleRefund(answer, state, decidedAt);
            case ChargeLookedUp answer -> settleLookup(answer, state, decidedAt);
        };
    }

    private List<PaymentFact> rememberTerms(Placed placed, Payment state, Instant decidedAt) {
        var recorded = new OrderTermsRecorded(placed.orderId(), OrderTerms.of(placed.event()), placed.cause());
        return switch (state.stage()) {
            case Stage.New ignored -> List.of(recorded);
            case Stage.ReservedBeforeOrder ignored when state.hasBeenCancelled() -> List.of(recorded);
            case Stage.ReservedBeforeOrder waiting ->
                    List.of(recorded, ChargeIntent.first(placed.orderId(), recorded.terms(), waiting.reservation(), decidedAt));
            case Stage.NotCharged ignored when state.terms() == null -> List.of(recorded);
            default -> reject(placed, state, decidedAt, "the order's terms are already known");
        };
    }

    private List<PaymentFact> chargeForReservation(Reserved reserved, Payment state, Instant decidedAt) {
        return switch (state.stage()) {
            // The order was cancelled while the warehouse reserved: an expected race, not an illegal
            // transition, so nothing is charged and nothing rejected.
            case Stage.New ignored when state.hasBeenCancelled() -> List.of();
            case Stage.AwaitingReservation ignored when state.hasBeenCancelled() -> List.of();
            // Orders and warehouse events travel on different topics: a reservation may overtake
            // its order. Waiting for the terms loses nothing; rejecting would stall the saga.
            case Stage.New ignored -> List.of(new ReservationParked(reserved.orderId(), reserved.cause()));
            case Stage.AwaitingReservation ignored ->
                    List.of(ChargeIntent.first(reserved.orderId(), state.terms(), reserved.cause(), decidedAt));
            case Stage.NotCharged ignored -> reject(reserved, state, decidedAt, "stock was insufficient; the order is never charged");
            default -> reject(reserved, state, decidedAt, "stock is already reserved for this order");
        };
    }

    private List<PaymentFact> abandonCharge(ReservationFailed failed, Payment state, Instant decidedAt) {
        return switch (state.stage()) {
            case Stage.New ignored -> List.of(abandoned(failed));
            case Stage.AwaitingReservation ignored -> List.of(abandoned(failed));
            default -> reject(failed, state, decidedAt, "the warehouse has already decided on this order");
        };
    }

    private static ChargeAbandoned abandoned(ReservationFailed failed) {
        return new ChargeAbandoned(failed.orderId(), "insufficient stock", failed.cause());
    }

    private List<PaymentFact> refundMissingItem(ItemMissing missing, Payment state, Instant decidedAt) {
        return switch (state.stage()) {
            case Stage.Paid paid -> List.of(firstRefund(missing, paid.receipt(), decidedAt));
            case Stage.Refunding ignored -> reject(missing, state, decidedAt, "the payment is already being refunded");
            case Stage.Refunded ignored -> reject(missing, state, decidedAt, "the payment is already refunded");
            case Stage.RefundBlocked ignored -> reject(missing, state, decidedAt, "the refund is already requested");
            default -> reject(missing, state, decidedAt, "no payment has been taken, so there is nothing to refund");
        };
    }

    private static RefundIntent firstRefund(ItemMissing missing, Receipt receipt, Instant decidedAt) {
        ItemNotFound event = missing.event();
        String reason = "item not found: " + event.getSku() + " (line " + event.getLineNumber() + ", "
                + event.getMissingQuantity() + " missing): " + event.getReason();
        return firstRefund(missing.orderId(), receipt, reason, missing.cause(), decidedAt);
    }

    private static RefundIntent firstRefund(String orderId, Receipt receipt, Cancellation cancellation, Instant decidedAt) {
        String reason = "order cancelled (" + cancellation.code() + "): " + cancellation.reason();
        return firstRefund(orderId, receipt, reason, cancellation.cause(), decidedAt);
    }

    /**
     * One refund per order: every refund, whatever caused it, has the key {@link IdempotencyKeys#refund}.
     * It is due when decided.
     */
    private static RefundIntent firstRefund(String orderId, Receipt receipt, String reason, Cause cause,
            Instant decidedAt) {
        return new RefundIntent(orderId, IdempotencyKeys.refund(orderId), receipt.chargeKey(), receipt.paymentId(),
                1, decidedAt, receipt.amount(), receipt.customerId(), reason, cause);
    }

    private List<PaymentFact> cancel(Cancelled cancelled, Payment state, Instant decidedAt) {
        if (state.hasBeenCancelled()) {
            return List.of(); // an order is cancelled once; a second cancellation changes nothing
        }
        OrderCancelled event = cancelled.event();
        Cancellation cancellation = new Cancellation(event.getReasonCode(), event.getReason(), cancelled.cause());
        var recorded = new CancellationRecorded(cancelled.orderId(), cancellation);
        if (state.stage() instanceof Stage.Paid paid && cancellation.refundsPayment()) {
            return List.of(recorded, firstRefund(cancelled.orderId(), paid.receipt(), cancellation, decidedAt));
        }
        // Before a charge: none will be made. While charging: the pending call may already have
        // reached the gateway, so it runs to its answer and a taken payment is refunded then.
        // Refunding, refunded, blocked, failed: nothing is owed beyond what is under way.
        return List.of(recorded);
    }

    private List<PaymentFact> settleCharge(ChargeAnswered answer, Payment state, Instant decidedAt) {
        if (state.stage() instanceof Stage.Charging charging && answers(charging.intent(), answer)) {
            ChargeIntent intent = charging.intent();
            return switch (answer.outcome()) {
                case ChargeOutcome.Approved approved -> takeOrRefund(state, intent,
                        new Taken(paymentTaken(intent, approved.gatewayReference(), answer.observedAt())), decidedAt);
                case ChargeOutcome.Declined declined ->
                        List.of(new Failed(paymentFailed(intent, failureCode(declined.code()), declined.reason(),
                                answer.observedAt())));
                // Past the last attempt the charge is not given up blind: it may have captured without
                // payments hearing so. The gateway is asked by the key, after the same back-off.
                case ChargeOutcome.Transient ignored -> retryPolicy.mayRetryAfter(intent.attempt())
                        ? List.of(intent.retryAt(retryPolicy.nextAttemptAt(intent.attempt(), answer.observedAt())))
                        : List.of(ChargeLookup.of(intent, retryPolicy.nextAttemptAt(intent.attempt(), answer.observedAt())));
            };
        }
        String why = switch (state.stage()) {
            case Stage.Charging charging -> "answer to attempt " + answer.attempt() + " of key "
                    + answer.idempotencyKey() + ", but attempt " + charging.intent().attempt() + " of key "
                    + charging.intent().idempotencyKey() + " is pending";
            case Stage.Paid ignored when answer.outcome() instanceof ChargeOutcome.Approved ->
                    "payment already taken; a second PaymentTaken is refused";
            case Stage.Paid ignored -> "payment already taken";
            default -> "no charge is pending";
        };
        return reject(answer, state, decidedAt, why);
    }

    /**
     * The truth about a charge whose last attempt went unanswered: the gateway's record under its key
     * decides, exactly as the answer would have. Captured is PaymentTaken (and a refund if the order
     * was cancelled meanwhile); not found is GATEWAY_UNAVAILABLE, and the gateway has closed the key
     * so it stays true; no answer asks again after a back-off that stops growing at maxDelay.
     */
    private List<PaymentFact> settleLookup(ChargeLookedUp answer, Payment state, Instant decidedAt) {
        if (state.stage() instanceof Stage.LookingUpCharge lookingUp && answers(lookingUp.lookup(), answer)) {
            ChargeLookup lookup = lookingUp.lookup();
            ChargeIntent intent = lookup.charge();
            return switch (answer.outcome()) {
                case LookupOutcome.Captured captured -> takeOrRefund(state, intent,
                        new Taken(paymentTaken(intent, captured.gatewayReference(), answer.observedAt())), decidedAt);
                case LookupOutcome.Refused refused -> List.of(new Failed(paymentFailed(intent,
                        failureCode(refused.code()), refused.reason(), answer.observedAt())));
                case LookupOutcome.NotFound notFound -> List.of(new Failed(paymentFailed(intent,
                        PaymentFailureReason.GATEWAY_UNAVAILABLE, "gateway unavailable after " + intent.attempt()
                                + " attempts; it has no charge with key " + lookup.idempotencyKey() + ": "
                                + notFound.reason(), answer.observedAt())));
                case LookupOutcome.Transient ignored ->
                        List.of(lookup.retryAt(retryPolicy.nextAttemptAt(lookup.attempt(), answer.observedAt())));
            };
        }
        String why = switch (state.stage()) {
            case Stage.LookingUpCharge lookingUp -> "answer to lookup " + answer.attempt() + ", but lookup "
                    + lookingUp.lookup().attempt() + " is pending";
            default -> "no lookup is pending";
        };
        return reject(answer, state, decidedAt, why);
    }

    /** A charge approved for an order cancelled meanwhile is published, then refunded at once. */
    private static List<PaymentFact> takeOrRefund(Payment state, ChargeIntent intent, Taken taken, Instant decidedAt) {
        if (state.hasBeenCancelled() && state.cancelled().refundsPayment()) {
            Receipt receipt = receipt(intent, taken.event());
            return List.of(taken, firstRefund(taken.orderId(), receipt, state.cancelled(), decidedAt));
        }
        return List.of(taken);
    }

    private static Receipt receipt(ChargeIntent intent, PaymentTaken event) {
        return new Receipt(event.getPaymentId(), intent.idempotencyKey(), event.getGatewayReference(),
                Amount.from(event.getAmount()), event.getCustomerId(), event.getTakenAt());
    }

    private List<PaymentFact> settleRefund(RefundAnswered answer, Payment state, Instant decidedAt) {
        if (state.stage() instanceof Stage.Refunding refunding && answers(refunding.intent(), answer)) {
            RefundIntent intent = refunding.intent();
            return switch (answer.outcome()) {
                case RefundOutcome.Refunded ignored -> List.of(new Refunded(paymentRefunded(intent, answer.observedAt())));
                case RefundOutcome.Refused refused ->
                        List.of(new RefundRefused(intent.orderId(), refused.reason(), answer.inputId()));
                // Refunds never give up: the money is owed. The back-off stops growing at maxDelay.
                case RefundOutcome.Transient ignored ->
                        List.of(intent.retryAt(retryPolicy.nextAttemptAt(intent.attempt(), answer.observedAt())));
            };
        }
        String why = switch (state.stage()) {
            case Stage.Refunding refunding -> "answer to attempt " + answer.attempt() + ", but attempt "
                    + refunding.intent().attempt() + " is pending";
            case Stage.Refunded ignored -> "payment already refunded";
            default -> "no refund is pending";
        };
        return reject(answer, state, decidedAt, why);
    }

    private static boolean answers(PaymentFact.GatewayCall call, PaymentInput answer) {
        return call.answerId().equals(answer.inputId());
    }

    private static List<PaymentFact> reject(PaymentInput input, Payment state, Instant decidedAt, String why) {
        EventRejected rejected = EventRejected.newBuilder()
                .setMetadata(input.cause().derive("EventRejected", 0, decidedAt))
                .setOrderId(input.orderId())
                .setRejectedEventId(input.inputId().toString())
                .setRejectedEventType(input.typeName())
                .setReason(input.typeName() + " in state " + state.stage().label() + ": " + why)
                .build();
        return List.of(new Rejected(rejected));
    }

    private static PaymentTaken paymentTaken(ChargeIntent intent, String gatewayReference, Instant answeredAt) {
        return PaymentTaken.newBuilder()
                .setMetadata(intent.cause().derive("PaymentTaken", 0, answeredAt))
                .setOrderId(intent.orderId())
                .setPaymentId(paymentId(intent))
                .setAmount(intent.amount().toMoney())
                .setCustomerId(intent.customerId())
                .setGatewayReference(gatewayReference)
                .setTakenAt(answeredAt)
                .build();
    }

    private static PaymentFailed paymentFailed(ChargeIntent intent, PaymentFailureReason code, String reason,
            Instant answeredAt) {
        return PaymentFailed.newBuilder()
                .setMetadata(intent.cause().derive("PaymentFailed", 0, answeredAt))
                .setOrderId(intent.orderId())
                .setAmount(intent.amount().toMoney())
                .setCustomerId(intent.customerId())
                .setReason(reason)
                .setReasonCode(code)
                .setAttempts(intent.attempt())
                .build();
    }

    private static PaymentRefunded paymentRefunded(RefundIntent intent, Instant answeredAt) {
        return PaymentRefunded.newBuilder()
                .setMetadata(intent.cause().derive("PaymentRefunded", 0, answeredAt))
                .setOrderId(intent.orderId())
                .setPaymentId(intent.paymentId())
                .setAmount(intent.amount().toMoney())
                .setCustomerId(intent.customerId())
                .setReason(intent.reason())
                .build();
    }

    private static PaymentFailureReason failureCode(ChargeOutcome.DeclineCode code) {
        return switch (code) {
            case DECLINED -> PaymentFailureReason.DECLINED;
            case LIMIT_EXCEEDED -> PaymentFailureReason.LIMIT_EXCEEDED;
        };
    }

    /** The payment's id in the payments context is the charge's idempotency key: one per order, stable. */
    private static String paymentId(ChargeIntent intent) {
        return intent.idempotencyKey().toString();
    }

    @Override
    public Payment evolve(Payment state, PaymentFact fact) {
        Payment current = state.withOrderId(fact.orderId());
        return switch (fact) {
            case OrderTermsRecorded recorded -> {
                Payment next = current.withTerms(recorded.terms()).seeing(recorded.cause().eventId());
                yield next.stage() instanceof Stage.New ? next.withStage(new Stage.AwaitingReservation()) : next;
            }
            case ReservationParked parked ->
                    current.withStage(new Stage.ReservedBeforeOrder(parked.reservation()))
                            .seeing(parked.reservation().eventId());
            case CancellationRecorded recorded -> current.withCancellation(recorded.cancellation())
                    .seeing(recorded.cancellation().cause().eventId());
            case ChargeAbandoned abandoned ->
                    current.withStage(new Stage.NotCharged(abandoned.reason())).seeing(abandoned.cause().eventId());
            case ChargeIntent intent -> recordCharge(current, intent);
            case Taken taken -> {
                PaymentFact.GatewayCall answered = chargeCall(current, fact);
                yield current.withStage(new Stage.Paid(receipt(chargeOf(answered), taken.event())))
                        .seeing(answered.answerId());
            }
            case Failed failed -> {
                PaymentFact.GatewayCall answered = chargeCall(current, fact);
                PaymentFailed event = failed.event();
                yield current.withStage(new Stage.Failed(event.getReasonCode(), event.getAttempts(), event.getReason()))
                        .seeing(answered.answerId());
            }
            case ChargeLookup lookup -> recordLookup(current, lookup);
            case Rejected rejected ->
                    current.seeing(java.util.UUID.fromString(rejected.event().getRejectedEventId()));
            case RefundIntent intent -> recordRefund(current, intent);
            case Refunded ignored -> {
                Stage.Refunding refunding = refunding(current, fact);
                yield current.withStage(new Stage.Refunded(refunding.receipt(), refunding.intent().reason()))
                        .seeing(refunding.intent().answerId());
            }
            case RefundRefused refused -> {
                Stage.Refunding refunding = refunding(current, fact);
                yield current.withStage(new Stage.RefundBlocked(refunding.receipt(), refunding.intent(),
                        refused.reason())).seeing(refused.answerId());
            }
        };
    }

    private static Payment recordCharge(Payment state, ChargeIntent intent) {
        boolean legal = switch (state.stage()) {
            case Stage.AwaitingReservation ignored -> intent.attempt() == 1 && state.terms() != null;
            case Stage.ReservedBeforeOrder ignored -> intent.attempt() == 1 && state.terms() != null;
            case Stage.Charging charging -> intent.attempt() == charging.intent().attempt() + 1;
            default -> false;
        };
        if (!legal) {
            throw illegal(state, intent);
        }
        Payment next = state.stage() instanceof Stage.Charging previous
                ? state.seeing(previous.intent().answerId())
                : state;
        return next.withStage(new Stage.Charging(intent)).seeing(intent.cause().eventId());
    }

    private static Payment recordRefund(Payment state, RefundIntent intent) {
        return switch (state.stage()) {
            case Stage.Paid paid when intent.attempt() == 1 ->
                    state.withStage(new Stage.Refunding(paid.receipt(), intent)).seeing(intent.cause().eventId());
            case Stage.Refunding previous when intent.attempt() == previous.intent().attempt() + 1 ->
                    state.seeing(previous.intent().answerId())
                            .withStage(new Stage.Refunding(previous.receipt(), intent));
            default -> throw illegal(state, intent);
        };
    }

    private static Payment recordLookup(Payment state, ChargeLookup lookup) {
        return switch (state.stage()) {
            case Stage.Charging charging when lookup.attempt() == 1 && lookup.charge().equals(charging.intent()) ->
                    state.seeing(charging.intent().answerId()).withStage(new Stage.LookingUpCharge(lookup));
            case Stage.LookingUpCharge previous when lookup.attempt() == previous.lookup().attempt() + 1
                    && lookup.charge().equals(previous.lookup().charge()) ->
                    state.seeing(previous.lookup().answerId()).withStage(new Stage.LookingUpCharge(lookup));
            default -> throw illegal(state, lookup);
        };
    }

    /** The pending call whose answer settled the charge: an attempt of it, or a lookup of it. */
    private static PaymentFact.GatewayCall chargeCall(Payment state, PaymentFact fact) {
        return switch (state.stage()) {
            case Stage.Charging charging -> charging.intent();
            case Stage.LookingUpCharge lookingUp -> lookingUp.lookup();
            default -> throw illegal(state, fact);
        };
    }

    private static ChargeIntent chargeOf(PaymentFact.GatewayCall call) {
        return call instanceof ChargeLookup lookup ? lookup.charge() : (ChargeIntent) call;
    }

    private static Stage.Refunding refunding(Payment state, PaymentFact fact) {
        if (state.stage() instanceof Stage.Refunding refunding) {
            return refunding;
        }
        throw illegal(state, fact);
    }

    /** A fact decide could not have produced for this state: the fact log is corrupt or out of order. */
    private static IllegalStateException illegal(Payment state, PaymentFact fact) {
        return new IllegalStateException(fact.getClass().getSimpleName() + " cannot apply to order "
                + state.orderId() + " in state " + state.stage().label());
    }
}
