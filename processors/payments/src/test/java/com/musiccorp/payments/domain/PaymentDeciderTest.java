package com.musiccorp.payments.domain;

import static com.musiccorp.payments.domain.Events.CANCELLED_AT;
import static com.musiccorp.payments.domain.Events.CUSTOMER;
import static com.musiccorp.payments.domain.Events.MISSING_AT;
import static com.musiccorp.payments.domain.Events.ORDER;
import static com.musiccorp.payments.domain.Events.RESERVED_AT;
import static com.musiccorp.payments.domain.Events.SAGA;
import static com.musiccorp.payments.domain.Events.orderCancelled;
import static com.musiccorp.payments.domain.Events.itemNotFound;
import static com.musiccorp.payments.domain.Events.orderPlaced;
import static com.musiccorp.payments.domain.Events.stockInsufficient;
import static com.musiccorp.payments.domain.Events.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.EventRejected;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentFailureReason;
import com.musiccorp.events.PaymentRefunded;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.payments.domain.ChargeOutcome.Approved;
import com.musiccorp.payments.domain.ChargeOutcome.DeclineCode;
import com.musiccorp.payments.domain.ChargeOutcome.Declined;
import com.musiccorp.payments.domain.ChargeOutcome.Transient;
import com.musiccorp.payments.domain.Payment.Stage;
import com.musiccorp.schemas.Causation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PaymentDeciderTest {

    static final String TOKEN = "tok_visa_4242";
    static final Instant ANSWERED_AT = RESERVED_AT.plusMillis(350);
    static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(3));

    static Saga paidSaga() {
        Saga saga = new Saga(new PaymentDecider(POLICY)).given(orderPlaced(TOKEN), stockReserved());
        saga.answerCharge(new Approved("ch_000001"), ANSWERED_AT);
        return saga;
    }

    static <T> T onlyEvent(List<PaymentFact> facts, Class<T> type) {
        assertThat(facts).hasSize(1);
        assertThat(facts.getFirst()).isInstanceOf(PaymentFact.Published.class);
        return type.cast(((PaymentFact.Published) facts.getFirst()).event());
    }

    static <T> T onlyFact(List<PaymentFact> facts, Class<T> type) {
        assertThat(facts).hasSize(1).first().isInstanceOf(type);
        return type.cast(facts.getFirst());
    }

    @Nested
    @DisplayName("happy path: OrderPlaced, StockReserved, approved charge")
    class HappyPath {

        @Test
        void orderPlacedOnlyRemembersTheTermsAndChargesNothing() {
            Saga saga = new Saga();

            var recorded = onlyFact(saga.handle(orderPlaced(TOKEN)), PaymentFact.OrderTermsRecorded.class);

            assertThat(recorded.terms()).isEqualTo(new OrderTerms(CUSTOMER, new Amount(2599, "GBP"), TOKEN));
            assertThat(saga.state.terms()).isEqualTo(recorded.terms());
            assertThat(saga.state.stage()).isInstanceOf(Stage.AwaitingReservation.class);
            assertThat(saga.state.pendingCall()).isEmpty();
        }

        @Test
        void stockReservedRecordsAChargeIntentWithAKeyDerivedFromTheOrder() {
            Saga saga = new Saga().given(orderPlaced(TOKEN));

            ChargeIntent intent = onlyFact(saga.handle(stockReserved()), ChargeIntent.class);

            UUID expectedKey = UUID.nameUUIDFromBytes(
                    ("payments/" + ORDER + "/charge").getBytes(StandardCharsets.UTF_8));
            assertThat(intent.idempotencyKey()).isEqualTo(expectedKey).isEqualTo(IdempotencyKeys.charge(ORDER));
            assertThat(intent.attempt()).isEqualTo(1);
            assertThat(intent.notBefore()).as("due when decided").isEqualTo(Events.DECIDED_AT);
            assertThat(intent.amount()).isEqualTo(new Amount(2599, "GBP"));
            assertThat(intent.customerId()).isEqualTo(CUSTOMER);
            assertThat(intent.paymentMethodToken()).isEqualTo(TOKEN);
            assertThat(intent.cause().eventId()).isEqualTo(stockReserved().inputId());
            assertThat(saga.state.pendingCall()).contains(intent);
            assertThat(intent.toRequest()).isEqualTo(new ChargeRequest(expectedKey, ORDER, CUSTOMER,
                    new Amount(2599, "GBP"), TOKEN, 1));
        }

        @Test
        void approvedChargePublishesPaymentTakenCausedByTheReservation() {
            Saga saga = new Saga().given(orderPlaced(TOKEN), stockReserved());
            UUID key = saga.pendingCharge().idempotencyKey();

            PaymentTaken taken = onlyEvent(saga.answerCharge(new Approved("ch_000001"), ANSWERED_AT),
                    PaymentTaken.class);

            // Caused by the reservation, but it happened when the gateway answered.
            var expectedMetadata = Causation.causedBy(stockReserved().event().getMetadata(), "payments",
                    "PaymentTaken", 0, ANSWERED_AT);
            assertThat(taken.getMetadata()).isEqualTo(expectedMetadata);
            assertThat(taken.getMetadata().getCausationId()).isEqualTo(stockReserved().inputId().toString());
            assertThat(taken.getMetadata().getCorrelationId()).isEqualTo(SAGA);
            assertThat(taken.getOrderId()).isEqualTo(ORDER);
            assertThat(taken.getPaymentId()).isEqualTo(key.toString());
            assertThat(taken.getAmount()).isEqualTo(Events.gbp(2599));
            assertThat(taken.getCustomerId()).isEqualTo(CUSTOMER);
            assertThat(taken.getGatewayReference()).isEqualTo("ch_000001");
            assertThat(taken.getTakenAt()).isEqualTo(ANSWERED_AT);
            assertThat(saga.state.stage()).isInstanceOf(Stage.Paid.class);
            assertThat(saga.state.pendingCall()).isEmpty();
        }
    }

    @Nested
    @DisplayName("no charge without a reservation")
    class NoChargeWithoutReservation {

        @Test
        void aReservationThatOvertakesItsOrderWaitsForTheTerms() {
            Saga saga = new Saga();

            onlyFact(saga.handle(stockReserved()), PaymentFact.ReservationParked.class);
            assertThat(saga.state.stage()).isInstanceOf(Stage.ReservedBeforeOrder.class);
            assertThat(saga.state.pendingCall()).isEmpty();

            List<PaymentFact> facts = saga.handle(orderPlaced(TOKEN));

            assertThat(facts).hasSize(2);
            assertThat(facts.get(0)).isInstanceOf(PaymentFact.OrderTermsRecorded.class);
            ChargeIntent intent = (ChargeIntent) facts.get(1);
            assertThat(intent.idempotencyKey()).isEqualTo(IdempotencyKeys.charge(ORDER));
            assertThat(intent.cause().eventId()).isEqualTo(stockReserved().inputId());
            assertThat(intent.amount()).isEqualTo(new Amount(2599, "GBP"));
        }

        @Test
        void stockInsufficientMeansTheOrderIsNeverCharged() {
            Saga saga = new Saga().given(orderPlaced(TOKEN));

            onlyFact(saga.handle(stockInsufficient()), PaymentFact.ChargeAbandoned.class);
            List<PaymentFact> late = saga.handle(stockReserved("order-42", "late"));

            assertThat(onlyEvent(late, EventRejected.class).getReason())
                    .isEqualTo("StockReserved in state NOT_CHARGED: stock was insufficient; the order is never charged");
            assertThat(saga.state.stage()).isInstanceOf(Stage.NotCharged.class);
            assertThat(saga.log).noneMatch(fact -> fact instanceof PaymentFact.GatewayCall);
        }

        @Test
        void stockInsufficientBeforeTheOrderStillMeansNoCharge() {
            Saga saga = new Saga().given(stockInsufficient(), orderPlaced(TOKEN));

            assertThat(saga.state.stage()).isInstanceOf(Stage.NotCharged.class);
            assertThat(saga.state.terms()).isNotNull();
            assertThat(saga.log).noneMatch(fact -> fact instanceof PaymentFact.GatewayCall);
        }

        @Test
        void anAnswerWithoutAChargeIntentTakesNoPayment() {
            Saga saga = new Saga().given(orderPlaced(TOKEN));
            var forged = new PaymentInput.ChargeAnswered(ORDER, SAGA, IdempotencyKeys.charge(ORDER), 1,
                    new Approved("ch_forged"), ANSWERED_AT);

            EventRejected rejected = onlyEvent(saga.handle(forged), EventRejected.class);

            assertThat(rejected.getReason()).isEqualTo("ChargeAnswered in state AWAITING_RESERVATION: no charge is pending");
            assertThat(saga.state.stage()).isInstanceOf(Stage.AwaitingReservation.class);
        }
    }

    @Nested
    @DisplayName("payment declined or over the limit")
    class DeclinedOrOverLimit {

        @Test
        void aDeclinedCardFailsThePayment() {
            Saga saga = new Saga().given(orderPlaced(TOKEN), stockReserved());

            PaymentFailed failed = onlyEvent(
                    saga.answerCharge(new Declined("card declined by issuer", DeclineCode.DECLINED), ANSWERED_AT),
                    PaymentFailed.class);

            assertThat(failed.getReasonCode()).isEqualTo(PaymentFailureReason.DECLINED);
            assertThat(failed.getReason()).isEqualTo("card declined by issuer");
            assertThat(failed.getAttempts()).isEqualTo(1);
            assertThat(failed.getAmount()).isEqualTo(Events.gbp(2599));
            assertThat(failed.getCustomerId()).isEqualTo(CUSTOMER);
            assertThat(failed.getMetadata()).isEqualTo(Causation.causedBy(stockReserved().event().getMetadata(),
                    "payments", "PaymentFailed", 0, ANSWERED_AT));
            assertThat(saga.state.stage()).isEqualTo(
                    new Stage.Failed(PaymentFailureReason.DECLINED, 1, "card declined by issuer"));
            assertThat(saga.state.pendingCall()).isEmpty();
        }

        @Test
        void aLimitExceededFailsThePaymentWithItsOwnCode() {
            Saga saga = new Saga().given(orderPlaced(TOKEN), stockReserved());

            PaymentFailed failed = onlyEvent(
                    saga.answerCharge(new Declined("limit", DeclineCode.LIMIT_EXCEEDED), ANSWERED_AT),
                    PaymentFailed.class);

            assertThat(failed.getReasonCode()).isEqualTo(PaymentFailureReason.LIMIT_EXCEEDED);
        }
    }

    @Nested
    @DisplayName("transient gateway failures: retry with back-off, then give up")
    class Retries {

        @Test
        void eachTransientFailureSchedulesTheNextAttemptWithTheSameKeyAndADoublingDelay() {
            Saga saga = new Saga(new PaymentDecider(POLICY)).given(orderPlaced(TOKEN), stockReserved());
            UUID key = saga.pendingCharge().idempotencyKey();
            Instant t1 = RESERVED_AT.plusSeconds(1);
            Instant t2 = RESERVED_AT.plusSeconds(5);
            Instant t3 = RESERVED_AT.plusSeconds(10);

            ChargeIntent second = onlyFact(saga.answerCharge(new Transient("HTTP 503"), t1), ChargeIntent.class);
            ChargeIntent third = onlyFact(saga.answerCharge(new Transient("timeout"), t2), ChargeIntent.class);
            ChargeIntent fourth = onlyFact(saga.answerCharge(new Transient("HTTP 502"), t3), ChargeIntent.class);

            assertThat(List.of(second, third, fourth)).extracting(ChargeIntent::idempotencyKey).containsOnly(key);
            assertThat(List.of(second, third, fourth)).extracting(ChargeIntent::attempt).containsExactly(2, 3, 4);
            assertThat(second.notBefore()).isEqualTo(t1.plusSeconds(1));
            assertThat(third.notBefore()).isEqualTo(t2.plusSeconds(2));
            assertThat(fourth.notBefore()).isEqualTo(t3.plusSeconds(3)); // 4 s, capped at maxDelay
            assertThat(saga.state.pendingCall()).contains(fourth);
            assertThat(saga.log).noneMatch(fact -> fact instanceof PaymentFact.Published);
        }

        @Test
        void afterTheLastAttemptTheGatewayIsAskedByTheKeyInsteadOfGivingUpBlind() {
            Saga saga = new Saga(new PaymentDecider(POLICY)).given(orderPlaced(TOKEN), stockReserved());
            for (int attempt = 1; attempt < POLICY.maxAttempts(); attempt++) {
                saga.answerCharge(new Transient("HTTP 503"), RESERVED_AT.plusSeconds(attempt * 10L));
            }
            ChargeIntent last = saga.pendingCharge();

            ChargeLookup lookup = onlyFact(saga.answerCharge(new Transient("timeout"), MISSING_AT), ChargeLookup.class);

            assertThat(lookup.idempotencyKey()).isEqualTo(IdempotencyKeys.charge(ORDER));
            assertThat(lookup.attempt()).isEqualTo(1);
            assertThat(lookup.charge()).isEqualTo(last);
            assertThat(lookup.notBefore()).isEqualTo(MISSING_AT.plusSeconds(3)); // the back-off after attempt 4
            assertThat(lookup.answerId()).isNotEqualTo(last.answerId());
            assertThat(saga.state.stage().label()).isEqualTo("LOOKING_UP_CHARGE");
            assertThat(saga.state.pendingCall()).contains(lookup);
        }

        @Test
        void aRetryThatSucceedsTakesThePaymentOnceWithTheSameEventAsAFirstTimeSuccess() {
            Saga retried = new Saga(new PaymentDecider(POLICY)).given(orderPlaced(TOKEN), stockReserved());
            retried.answerCharge(new Transient("HTTP 503"), RESERVED_AT.plusSeconds(1));
            PaymentTaken afterRetry = onlyEvent(retried.answerCharge(new Approved("ch_1"), ANSWERED_AT),
                    PaymentTaken.class);

            PaymentTaken firstTime = onlyEvent(new Saga(new PaymentDecider(POLICY))
                    .given(orderPlaced(TOKEN), stockReserved())
                    .answerCharge(new Approved("ch_1"), ANSWERED_AT), PaymentTaken.class);

            assertThat(afterRetry).isEqualTo(firstTime);
            assertThat(retried.log).filteredOn(fact -> fact instanceof PaymentFact.Taken).hasSize(1);
        }

        @Test
        void aSingleAttemptPolicyAsksTheGatewayAfterTheFirstTransientFailureThenFailsOnNotFound() {
            Saga saga = new Saga(new PaymentDecider(new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1))))
                    .given(orderPlaced(TOKEN), stockReserved());

            onlyFact(saga.answerCharge(new Transient("timeout"), ANSWERED_AT), ChargeLookup.class);
            PaymentFailed failed = onlyEvent(saga.answerLookup(new LookupOutcome.NotFound("HTTP 404"),
                    ANSWERED_AT.plusSeconds(2)), PaymentFailed.class);

            assertThat(failed.getAttempts()).isEqualTo(1);
            assertThat(failed.getReasonCode()).isEqualTo(PaymentFailureReason.GATEWAY_UNAVAILABLE);
        }
    }

    @Nested
    @DisplayName("no ghost charge: a charge never answered is looked up by its key before payments gives up")
    class GhostCharges {

        static Saga unanswered() {
            return new Saga(new PaymentDecider(POLICY)).given(orderPlaced(TOKEN), stockReserved())
                    .failEveryAttempt(RESERVED_AT);
        }

        @Test
        void whenTheGatewayCapturedUnderTheKeyThePaymentIsTakenExactlyAsIfTheAnswerHadCome() {
            Saga saga = unanswered();

            PaymentTaken taken = onlyEvent(saga.answerLookup(new LookupOutcome.Captured("ch_000007"), ANSWERED_AT),
                    PaymentTaken.class);

            PaymentTaken answeredDirectly = onlyEvent(new Saga(new PaymentDecider(POLICY))
                    .given(orderPlaced(TOKEN), stockReserved())
                    .answerCharge(new Approved("ch_000007"), ANSWERED_AT), PaymentTaken.class);
            assertThat(taken).isEqualTo(answeredDirectly);
            assertThat(taken.getPaymentId()).isEqualTo(IdempotencyKeys.charge(ORDER).toString());
            assertThat(saga.state.stage()).isInstanceOf(Stage.Paid.class);
            assertThat(saga.state.pendingCall()).isEmpty();
        }

        @Test
        void whenTheGatewayNeverSawTheKeyThePaymentFailsAsGatewayUnavailable() {
            Saga saga = unanswered();

            PaymentFailed failed = onlyEvent(saga.answerLookup(new LookupOutcome.NotFound("no charge"), ANSWERED_AT),
                    PaymentFailed.class);

            assertThat(failed.getReasonCode()).isEqualTo(PaymentFailureReason.GATEWAY_UNAVAILABLE);
            assertThat(failed.getAttempts()).isEqualTo(4);
            assertThat(failed.getReason()).isEqualTo("gateway unavailable after 4 attempts; it has no charge with key "
                    + IdempotencyKeys.charge(ORDER) + ": no charge");
            assertThat(failed.getMetadata().getCorrelationId()).isEqualTo(SAGA);
            assertThat(saga.state.pendingCall()).isEmpty();
        }

        @Test
        void whenTheGatewayRefusedUnderTheKeyThePaymentFailsWithItsCode() {
            Saga saga = unanswered();

            PaymentFailed failed = onlyEvent(saga.answerLookup(
                    new LookupOutcome.Refused("over limit", DeclineCode.LIMIT_EXCEEDED), ANSWERED_AT), PaymentFailed.class);

            assertThat(failed.getReasonCode()).isEqualTo(PaymentFailureReason.LIMIT_EXCEEDED);
        }

        @Test
        void aLookupWithoutAnAnswerIsAskedAgainWithCappedBackOffAndNeverGivenUp() {
            Saga saga = unanswered();
            Instant at = ANSWERED_AT;
            for (int lookup = 1; lookup <= 20; lookup++) {
                ChargeLookup next = onlyFact(saga.answerLookup(new LookupOutcome.Transient("HTTP 503"), at),
                        ChargeLookup.class);
                assertThat(next.attempt()).isEqualTo(lookup + 1);
                assertThat(next.idempotencyKey()).isEqualTo(IdempotencyKeys.charge(ORDER));
                assertThat(Duration.between(at, next.notBefore())).isLessThanOrEqualTo(POLICY.maxDelay());
                at = next.notBefore();
            }

            assertThat(saga.state.stage().label()).isEqualTo("LOOKING_UP_CHARGE");
            assertThat(saga.log).noneMatch(fact -> fact instanceof PaymentFact.Published);
            assertThat(onlyEvent(saga.answerLookup(new LookupOutcome.Captured("ch_1"), at), PaymentTaken.class))
                    .isNotNull();
        }

        @Test
        void anOrderCancelledWhileLookingUpIsRefundedIfTheChargeHappened() {
            Saga saga = unanswered();
            assertThat(onlyFact(saga.handle(orderCancelled(CancellationReason.OPERATOR)),
                    PaymentFact.CancellationRecorded.class)).isNotNull();

            List<PaymentFact> facts = saga.answerLookup(new LookupOutcome.Captured("ch_9"), CANCELLED_AT.plusSeconds(1));

            assertThat(facts).hasSize(2);
            assertThat(facts.get(0)).isInstanceOf(PaymentFact.Taken.class);
            RefundIntent refund = (RefundIntent) facts.get(1);
            assertThat(refund.chargeKey()).isEqualTo(IdempotencyKeys.charge(ORDER));
            assertThat(refund.idempotencyKey()).isEqualTo(IdempotencyKeys.refund(ORDER));
            assertThat(saga.state.pendingCall()).contains(refund);
        }

        @Test
        void anOrderCancelledWhileLookingUpIsNotRefundedIfTheGatewayNeverSawTheKey() {
            Saga saga = unanswered().given(orderCancelled(CancellationReason.OPERATOR));

            onlyEvent(saga.answerLookup(new LookupOutcome.NotFound("no charge"), CANCELLED_AT.plusSeconds(1)),
                    PaymentFailed.class);

            assertThat(saga.log).noneMatch(fact -> fact instanceof RefundIntent);
        }

        @Test
        void aLateAnswerToTheChargeOrAStaleLookupAnswerIsRejectedAndARedeliveredOneIsADuplicate() {
            Saga saga = unanswered();
            ChargeLookup first = saga.pendingLookup();
            saga.answerLookup(new LookupOutcome.Transient("HTTP 503"), ANSWERED_AT);

            var stale = PaymentInput.ChargeLookedUp.to(first, new LookupOutcome.Captured("ch_1"), ANSWERED_AT);
            var lateCharge = new PaymentInput.ChargeAnswered(ORDER, SAGA, IdempotencyKeys.charge(ORDER), 9,
                    new Approved("ch_1"), ANSWERED_AT);
            var wrongLookup = new PaymentInput.ChargeLookedUp(ORDER, SAGA, IdempotencyKeys.charge(ORDER), 7,
                    new LookupOutcome.Captured("ch_1"), ANSWERED_AT);

            assertThat(saga.handle(stale)).isEmpty(); // its id was seen when lookup 2 was recorded
            assertThat(onlyEvent(saga.handle(lateCharge), EventRejected.class).getReason())
                    .startsWith("ChargeAnswered in state LOOKING_UP_CHARGE");
            assertThat(onlyEvent(saga.handle(wrongLookup), EventRejected.class).getReason())
                    .isEqualTo("ChargeLookedUp in state LOOKING_UP_CHARGE: answer to lookup 7, but lookup 2 is pending");
            assertThat(saga.pendingLookup().attempt()).isEqualTo(2);
        }

        @Test
        void aLookupAnswerWithNoLookupPendingIsRejected() {
            Saga saga = paidSaga();
            var stray = new PaymentInput.ChargeLookedUp(ORDER, SAGA, IdempotencyKeys.charge(ORDER), 1,
                    new LookupOutcome.NotFound("x"), ANSWERED_AT);

            assertThat(onlyEvent(saga.handle(stray), EventRejected.class).getReason())
                    .isEqualTo("ChargeLookedUp in state PAID: no lookup is pending");
        }

        @Test
        void aRestartWhileLookingUpAsksAgainWithTheSameKeyAndAttempt() {
            Saga beforeCrash = unanswered();
            ChargeLookup inFlight = beforeCrash.pendingLookup();

            assertThat(beforeCrash.decider.fold(beforeCrash.log).pendingCall()).contains(inFlight);
        }
    }

    @Nested
    @DisplayName("item not found after payment: refund")
    class Refunds {

        @Test
        void itemNotFoundAfterPaymentRecordsARefundIntentWithItsOwnKey() {
            Saga saga = paidSaga();

            RefundIntent refund = onlyFact(saga.handle(itemNotFound("1")), RefundIntent.class);

            assertThat(refund.idempotencyKey()).isEqualTo(IdempotencyKeys.refund(ORDER))
                    .isNotEqualTo(IdempotencyKeys.charge(ORDER));
            assertThat(refund.chargeKey()).isEqualTo(IdempotencyKeys.charge(ORDER));
            assertThat(refund.paymentId()).isEqualTo(IdempotencyKeys.charge(ORDER).toString());
            assertThat(refund.amount()).isEqualTo(new Amount(2599, "GBP"));
            assertThat(refund.attempt()).isEqualTo(1);
            assertThat(refund.notBefore()).as("due when decided").isEqualTo(Events.DECIDED_AT);
            assertThat(refund.reason()).isEqualTo("item not found: VINYL-001 (line 1, 1 missing): shelf empty");
            assertThat(saga.state.pendingCall()).contains(refund);
        }

        @Test
        void theGatewaysRefundPublishesPaymentRefundedCausedByItemNotFound() {
            Saga saga = paidSaga().given(itemNotFound("1"));

            PaymentRefunded refunded = onlyEvent(
                    saga.answerRefund(new RefundOutcome.Refunded("re_000001"), MISSING_AT.plusSeconds(1)),
                    PaymentRefunded.class);

            assertThat(refunded.getMetadata()).isEqualTo(Causation.causedBy(itemNotFound("1").event().getMetadata(),
                    "payments", "PaymentRefunded", 0, MISSING_AT.plusSeconds(1)));
            assertThat(refunded.getPaymentId()).isEqualTo(IdempotencyKeys.charge(ORDER).toString());
            assertThat(refunded.getAmount()).isEqualTo(Events.gbp(2599));
            assertThat(refunded.getCustomerId()).isEqualTo(CUSTOMER);
            assertThat(refunded.getReason()).contains("VINYL-001");
            assertThat(saga.state.stage()).isInstanceOf(Stage.Refunded.class);
            assertThat(saga.state.pendingCall()).isEmpty();
        }

        @Test
        void aRefundKeepsRetryingWithTheSameKeyPastTheChargeLimit() {
            Saga saga = paidSaga().given(itemNotFound("1"));
            Instant at = MISSING_AT;
            for (int attempt = 1; attempt <= 10; attempt++) {
                at = at.plusSeconds(60);
                RefundIntent next = onlyFact(saga.answerRefund(new RefundOutcome.Transient("503"), at),
                        RefundIntent.class);
                assertThat(next.attempt()).isEqualTo(attempt + 1);
                assertThat(next.idempotencyKey()).isEqualTo(IdempotencyKeys.refund(ORDER));
                assertThat(next.notBefore()).isEqualTo(at.plus(POLICY.delayAfter(attempt)));
            }
            onlyEvent(saga.answerRefund(new RefundOutcome.Refunded("re_1"), at.plusSeconds(5)), PaymentRefunded.class);
        }

        @Test
        void aRefusedRefundBlocksTheOrderForAPersonAndPublishesNothing() {
            Saga saga = paidSaga().given(itemNotFound("1"));

            var refused = onlyFact(saga.answerRefund(new RefundOutcome.Refused("no such charge"), MISSING_AT),
                    PaymentFact.RefundRefused.class);

            assertThat(refused.reason()).isEqualTo("no such charge");
            assertThat(saga.state.stage()).isInstanceOf(Stage.RefundBlocked.class);
            assertThat(saga.state.pendingCall()).isEmpty();
        }
    }

    @Nested
    @DisplayName("order cancelled: refund a taken payment, never charge a cancelled order")
    class Cancellations {

        static List<PaymentFact> published(List<PaymentFact> facts) {
            return facts.stream().filter(fact -> fact instanceof PaymentFact.Published).toList();
        }

        @ParameterizedTest
        @EnumSource(names = {"DISPATCH_FAILED", "OPERATOR"})
        void aCancellationAfterPaymentRecordsARefundIntentWithTheOneRefundKey(CancellationReason code) {
            Saga saga = paidSaga();

            List<PaymentFact> facts = saga.handle(orderCancelled(code));

            assertThat(facts).hasSize(2).first().isInstanceOf(PaymentFact.CancellationRecorded.class);
            RefundIntent refund = (RefundIntent) facts.get(1);
            assertThat(refund.idempotencyKey()).isEqualTo(IdempotencyKeys.refund(ORDER));
            assertThat(refund.chargeKey()).isEqualTo(IdempotencyKeys.charge(ORDER));
            assertThat(refund.amount()).isEqualTo(new Amount(2599, "GBP"));
            assertThat(refund.attempt()).isEqualTo(1);
            assertThat(refund.notBefore()).as("due when decided").isEqualTo(Events.DECIDED_AT);
            assertThat(refund.reason()).isEqualTo("order cancelled (" + code + "): cancelled: " + code);
            assertThat(saga.state.stage()).isInstanceOf(Stage.Refunding.class);
            assertThat(saga.state.pendingCall()).contains(refund);
        }

        @Test
        void theRefundIsRetriedUnderItsKeyAndPublishesPaymentRefundedCausedByTheCancellation() {
            Saga saga = paidSaga().given(orderCancelled(CancellationReason.DISPATCH_FAILED));
            RefundIntent retry = onlyFact(saga.answerRefund(new RefundOutcome.Transient("503"),
                    CANCELLED_AT.plusSeconds(1)), RefundIntent.class);
            assertThat(retry.idempotencyKey()).isEqualTo(IdempotencyKeys.refund(ORDER));
            assertThat(retry.notBefore()).isEqualTo(CANCELLED_AT.plusSeconds(2));

            PaymentRefunded refunded = onlyEvent(saga.answerRefund(new RefundOutcome.Refunded("re_1"),
                    CANCELLED_AT.plusSeconds(3)), PaymentRefunded.class);

            assertThat(refunded.getMetadata()).isEqualTo(Causation.causedBy(
                    orderCancelled(CancellationReason.DISPATCH_FAILED).event().getMetadata(), "payments",
                    "PaymentRefunded", 0, CANCELLED_AT.plusSeconds(3)));
            assertThat(refunded.getMetadata().getCorrelationId()).isEqualTo(SAGA).isNotEqualTo(ORDER);
            assertThat(refunded.getPaymentId()).isEqualTo(IdempotencyKeys.charge(ORDER).toString());
            assertThat(refunded.getReason()).startsWith("order cancelled (DISPATCH_FAILED)");
            assertThat(saga.state.stage()).isInstanceOf(Stage.Refunded.class);
        }

        @Test
        void anItemNotFoundCancellationWhileTheRefundRunsOrIsDoneChangesNothing() {
            Saga running = paidSaga().given(itemNotFound("1"));
            RefundIntent pending = running.pendingRefund();

            assertThat(published(running.handle(orderCancelled(CancellationReason.ITEM_NOT_FOUND)))).isEmpty();
            assertThat(running.state.pendingCall()).contains(pending);

            Saga done = paidSaga().given(itemNotFound("1"));
            done.answerRefund(new RefundOutcome.Refunded("re_1"), MISSING_AT.plusSeconds(1));
            assertThat(published(done.handle(orderCancelled(CancellationReason.ITEM_NOT_FOUND)))).isEmpty();
            assertThat(done.state.stage()).isInstanceOf(Stage.Refunded.class);
            assertThat(done.state.pendingCall()).isEmpty();
            assertThat(done.log).filteredOn(fact -> fact instanceof RefundIntent).hasSize(1);
        }

        @Test
        void anItemNotFoundCancellationReadBeforeTheItemNotFoundLeavesTheRefundToIt() {
            Saga saga = paidSaga();

            assertThat(saga.handle(orderCancelled(CancellationReason.ITEM_NOT_FOUND)))
                    .singleElement().isInstanceOf(PaymentFact.CancellationRecorded.class);
            assertThat(saga.state.pendingCall()).isEmpty();

            RefundIntent refund = onlyFact(saga.handle(itemNotFound("1")), RefundIntent.class);
            assertThat(refund.reason()).startsWith("item not found");
        }

        @Test
        void anOperatorCancellationDuringARefundDoesNotStartASecondOne() {
            Saga saga = paidSaga().given(itemNotFound("1"));
            RefundIntent pending = saga.pendingRefund();

            assertThat(published(saga.handle(orderCancelled(CancellationReason.OPERATOR)))).isEmpty();

            assertThat(saga.state.pendingCall()).contains(pending);
            assertThat(saga.log).filteredOn(fact -> fact instanceof RefundIntent).hasSize(1);
        }

        @ParameterizedTest
        @EnumSource(names = {"INSUFFICIENT_STOCK", "OPERATOR"})
        void aCancellationBeforeAnyChargeChangesNothingAndALaterReservationNeverCharges(CancellationReason code) {
            Saga saga = new Saga(new PaymentDecider(POLICY)).given(orderPlaced(TOKEN));

            assertThat(published(saga.handle(orderCancelled(code)))).isEmpty();
            assertThat(saga.handle(stockReserved())).isEmpty();

            assertThat(saga.state.pendingCall()).isEmpty();
            assertThat(saga.log).noneMatch(fact -> fact instanceof ChargeIntent || fact instanceof RefundIntent
                    || fact instanceof PaymentFact.Published);
        }

        @Test
        void aCancelledOrderWhoseReservationOvertookItsTermsIsNeverCharged() {
            Saga saga = new Saga(new PaymentDecider(POLICY)).given(stockReserved(),
                    orderCancelled(CancellationReason.OPERATOR), orderPlaced(TOKEN));

            assertThat(saga.state.pendingCall()).isEmpty();
            assertThat(saga.log).noneMatch(fact -> fact instanceof ChargeIntent || fact instanceof PaymentFact.Published);
        }

        @Test
        void aChargeInFlightWhenTheOrderIsCancelledIsTakenThenRefunded() {
            Saga saga = new Saga(new PaymentDecider(POLICY)).given(orderPlaced(TOKEN), stockReserved(),
                    orderCancelled(CancellationReason.OPERATOR));
            assertThat(saga.state.pendingCall()).containsInstanceOf(ChargeIntent.class);

            List<PaymentFact> facts = saga.answerCharge(new Approved("ch_000001"), CANCELLED_AT.plusSeconds(1));

            assertThat(facts).hasSize(2);
            assertThat(facts.get(0)).isInstanceOf(PaymentFact.Taken.class);
            RefundIntent refund = (RefundIntent) facts.get(1);
            assertThat(refund.idempotencyKey()).isEqualTo(IdempotencyKeys.refund(ORDER));
            assertThat(refund.cause().eventId())
                    .isEqualTo(orderCancelled(CancellationReason.OPERATOR).event().getMetadata().getEventId());
            onlyEvent(saga.answerRefund(new RefundOutcome.Refunded("re_1"), CANCELLED_AT.plusSeconds(2)),
                    PaymentRefunded.class);
        }

        @Test
        void aChargeDeclinedAfterTheCancellationOwesNothing() {
            Saga saga = new Saga(new PaymentDecider(POLICY)).given(orderPlaced(TOKEN), stockReserved(),
                    orderCancelled(CancellationReason.OPERATOR));

            onlyEvent(saga.answerCharge(new Declined("no", DeclineCode.DECLINED), CANCELLED_AT), PaymentFailed.class);

            assertThat(saga.state.pendingCall()).isEmpty();
        }

        @Test
        void aSecondOrRedeliveredCancellationDecidesNothing() {
            Saga saga = paidSaga().given(orderCancelled(CancellationReason.OPERATOR));
            Payment before = saga.state;

            assertThat(saga.handle(orderCancelled(CancellationReason.OPERATOR))).isEmpty();
            assertThat(saga.handle(orderCancelled(ORDER, CancellationReason.DISPATCH_FAILED, "2"))).isEmpty();

            assertThat(saga.state).isEqualTo(before);
        }
    }

    @Nested
    @DisplayName("illegal transitions are rejected and change nothing")
    class IllegalTransitions {

        @Test
        void aSecondPaymentTakenOutcomeIsRejected() {
            Saga saga = paidSaga();
            Payment before = saga.state;
            var secondApproval = new PaymentInput.ChargeAnswered(ORDER, SAGA, IdempotencyKeys.charge(ORDER), 2,
                    new Approved("ch_000002"), ANSWERED_AT.plusSeconds(1));

            EventRejected rejected = onlyEvent(saga.handle(secondApproval), EventRejected.class);

            assertThat(rejected.getReason())
                    .isEqualTo("ChargeAnswered in state PAID: payment already taken; a second PaymentTaken is refused");
            assertThat(rejected.getRejectedEventType()).isEqualTo("ChargeAnswered");
            assertThat(rejected.getRejectedEventId()).isEqualTo(secondApproval.inputId().toString());
            assertThat(rejected.getOrderId()).isEqualTo(ORDER);
            assertThat(saga.state.stage()).isEqualTo(before.stage());
            assertThat(saga.state.terms()).isEqualTo(before.terms());
        }

        @Test
        void aRefundWithNoPaymentIsRejected() {
            Saga saga = new Saga().given(orderPlaced(TOKEN), stockReserved());
            Stage before = saga.state.stage();

            EventRejected rejected = onlyEvent(saga.handle(itemNotFound("1")), EventRejected.class);

            assertThat(rejected.getReason())
                    .isEqualTo("ItemNotFound in state CHARGING: no payment has been taken, so there is nothing to refund");
            assertThat(rejected.getMetadata()).isEqualTo(Causation.causedBy(itemNotFound("1").event().getMetadata(),
                    "payments", "EventRejected", 0, Events.DECIDED_AT));
            assertThat(rejected.getMetadata().getOccurredAt()).as("when payments decided, not its cause's time")
                    .isNotEqualTo(itemNotFound("1").event().getMetadata().getOccurredAt());
            assertThat(saga.state.stage()).isEqualTo(before);
        }

        @Test
        void stockReservedTwiceIsRejectedAndTheChargeIsNotRepeated() {
            Saga saga = new Saga().given(orderPlaced(TOKEN), stockReserved());
            ChargeIntent pending = saga.pendingCharge();

            EventRejected rejected = onlyEvent(saga.handle(stockReserved(ORDER, "again")), EventRejected.class);

            assertThat(rejected.getReason()).isEqualTo("StockReserved in state CHARGING: stock is already reserved for this order");
            assertThat(saga.state.pendingCall()).contains(pending);
            assertThat(saga.log).filteredOn(fact -> fact instanceof ChargeIntent).hasSize(1);
        }

        @Test
        void stockReservedAfterPaymentIsRejected() {
            Saga saga = paidSaga();

            EventRejected rejected = onlyEvent(saga.handle(stockReserved(ORDER, "again")), EventRejected.class);

            assertThat(rejected.getReason()).startsWith("StockReserved in state PAID");
        }

        @Test
        void aSecondOrderPlacedIsRejected() {
            Saga saga = new Saga().given(orderPlaced(TOKEN));

            EventRejected rejected = onlyEvent(saga.handle(orderPlaced(ORDER, "tok_other", 100, "2")),
                    EventRejected.class);

            assertThat(rejected.getReason())
                    .isEqualTo("OrderPlaced in state AWAITING_RESERVATION: the order's terms are already known");
            assertThat(saga.state.terms().paymentMethodToken()).isEqualTo(TOKEN);
        }

        @Test
        void stockInsufficientAfterAReservationIsRejected() {
            Saga saga = new Saga().given(orderPlaced(TOKEN), stockReserved());

            onlyEvent(saga.handle(stockInsufficient()), EventRejected.class);

            assertThat(saga.state.stage()).isInstanceOf(Stage.Charging.class);
        }

        @Test
        void aSecondItemNotFoundDoesNotStartASecondRefund() {
            Saga saga = paidSaga().given(itemNotFound("1"));

            EventRejected rejected = onlyEvent(saga.handle(itemNotFound("2")), EventRejected.class);

            assertThat(rejected.getReason()).isEqualTo("ItemNotFound in state REFUNDING: the payment is already being refunded");
            assertThat(saga.log).filteredOn(fact -> fact instanceof RefundIntent).hasSize(1);
        }

        @Test
        void anAnswerToAnAttemptThatIsNotPendingIsRejected() {
            Saga saga = new Saga(new PaymentDecider(POLICY)).given(orderPlaced(TOKEN), stockReserved());
            var early = new PaymentInput.ChargeAnswered(ORDER, SAGA, IdempotencyKeys.charge(ORDER), 3,
                    new Approved("ch_x"), ANSWERED_AT);

            EventRejected rejected = onlyEvent(saga.handle(early), EventRejected.class);

            assertThat(rejected.getReason()).contains("answer to attempt 3").contains("attempt 1").contains("is pending");
            assertThat(rejected.getMetadata().getCorrelationId()).isEqualTo(SAGA);
            assertThat(saga.state.pendingCall()).contains(saga.pendingCharge());
            assertThat(saga.pendingCharge().attempt()).isEqualTo(1);
        }

        @Test
        void aRefundAnswerWithNoRefundPendingIsRejected() {
            Saga saga = paidSaga();
            var stray = new PaymentInput.RefundAnswered(ORDER, SAGA, IdempotencyKeys.refund(ORDER), 1,
                    new RefundOutcome.Refunded("re_x"), MISSING_AT);

            assertThat(onlyEvent(saga.handle(stray), EventRejected.class).getReason())
                    .isEqualTo("RefundAnswered in state PAID: no refund is pending");
        }
    }

    @Nested
    @DisplayName("duplicates by id decide nothing")
    class Duplicates {

        @Test
        void redeliveredEventsAndAnswersDecideNothingAndChangeNothing() {
            Saga saga = paidSaga();
            Payment before = saga.state;
            var sameApproval = new PaymentInput.ChargeAnswered(ORDER, SAGA, IdempotencyKeys.charge(ORDER), 1,
                    new Approved("ch_000001"), ANSWERED_AT);

            assertThat(saga.handle(orderPlaced(TOKEN))).isEmpty();
            assertThat(saga.handle(stockReserved())).isEmpty();
            assertThat(saga.handle(sameApproval)).isEmpty();
            assertThat(saga.state).isEqualTo(before);
        }

        @Test
        void anAnswerToAnAttemptThatWasAlreadyAnsweredIsADuplicate() {
            Saga saga = new Saga(new PaymentDecider(POLICY)).given(orderPlaced(TOKEN), stockReserved());
            ChargeIntent first = saga.pendingCharge();
            saga.answerCharge(new Transient("HTTP 503"), ANSWERED_AT);

            var lateCopy = PaymentInput.ChargeAnswered.to(first, new Transient("HTTP 503"), ANSWERED_AT);

            assertThat(saga.handle(lateCopy)).isEmpty();
            assertThat(saga.pendingCharge().attempt()).isEqualTo(2);
        }

        @Test
        void aRejectedInputRedeliveredIsRejectedOnlyOnce() {
            Saga saga = new Saga().given(orderPlaced(TOKEN), stockReserved());

            assertThat(saga.handle(itemNotFound("1"))).hasSize(1);
            assertThat(saga.handle(itemNotFound("1"))).isEmpty();
        }

        @Test
        void theSameInputsDecideByteIdenticalEvents() {
            List<PaymentFact> first = paidSaga().given(itemNotFound("1")).log;
            List<PaymentFact> second = paidSaga().given(itemNotFound("1")).log;

            assertThat(first).isEqualTo(second);
        }
    }

    @Nested
    @DisplayName("restart between recording an intent and its answer")
    class Restart {

        @Test
        void aRestoredStateReissuesTheSameCallWithTheSameKey() {
            Saga beforeCrash = new Saga(new PaymentDecider(POLICY)).given(orderPlaced(TOKEN), stockReserved());
            ChargeIntent inFlight = beforeCrash.pendingCharge();

            Payment restored = beforeCrash.decider.fold(beforeCrash.log);

            assertThat(restored.pendingCall()).contains(inFlight);
            assertThat(restored.pendingCall().orElseThrow().idempotencyKey()).isEqualTo(IdempotencyKeys.charge(ORDER));
        }

        @Test
        void aRestartDuringARetryReissuesTheRetryUnderTheSameKey() {
            Saga beforeCrash = new Saga(new PaymentDecider(POLICY)).given(orderPlaced(TOKEN), stockReserved());
            beforeCrash.answerCharge(new Transient("HTTP 503"), ANSWERED_AT);

            Payment restored = beforeCrash.decider.fold(beforeCrash.log);

            ChargeIntent reissued = (ChargeIntent) restored.pendingCall().orElseThrow();
            assertThat(reissued.attempt()).isEqualTo(2);
            assertThat(reissued.idempotencyKey()).isEqualTo(IdempotencyKeys.charge(ORDER));
            assertThat(reissued.notBefore()).isEqualTo(ANSWERED_AT.plusSeconds(1));
        }
    }

    @Nested
    @DisplayName("guards")
    class Guards {

        @Test
        void aFactThatCannotFollowTheStateFailsTheFoldLoudly() {
            PaymentDecider decider = new PaymentDecider();
            PaymentFact taken = paidSaga().log.get(2);

            assertThatThrownBy(() -> decider.fold(List.of(taken)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Taken cannot apply to order order-42 in state NEW");
        }

        @Test
        void anInputForAnotherOrderIsAProgrammingError() {
            Saga saga = new Saga().given(orderPlaced(TOKEN));

            assertThatThrownBy(() -> saga.handle(stockReserved("order-43", "1")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void onlyTheFiveEventTypesPaymentsReactsToBecomeInputs() {
            assertThat(PaymentInput.fromEvent(orderPlaced(TOKEN).event())).contains(orderPlaced(TOKEN));
            assertThat(PaymentInput.fromEvent(stockReserved().event())).contains(stockReserved());
            assertThat(PaymentInput.fromEvent(stockInsufficient().event())).contains(stockInsufficient());
            assertThat(PaymentInput.fromEvent(itemNotFound("1").event())).contains(itemNotFound("1"));
            assertThat(PaymentInput.fromEvent(orderCancelled(CancellationReason.OPERATOR).event()))
                    .contains(orderCancelled(CancellationReason.OPERATOR));
            assertThat(PaymentInput.fromEvent(paidSaga().log.get(2) instanceof PaymentFact.Taken t ? t.event() : null))
                    .isEmpty();
            assertThat(PaymentInput.fromEvent(null)).isEmpty();
        }
    }
}
