package com.musiccorp.payments;

import static com.musiccorp.payments.domain.Events.ORDER;
import com.musiccorp.payments.domain.Events;
import static com.musiccorp.payments.domain.Events.RESERVED_AT;
import static com.musiccorp.payments.domain.Events.itemNotFound;
import static com.musiccorp.payments.domain.Events.orderPlaced;
import static com.musiccorp.payments.domain.Events.stockInsufficient;
import static com.musiccorp.payments.domain.Events.stockReserved;
import static org.assertj.core.api.Assertions.assertThat;

import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentFailureReason;
import com.musiccorp.events.PaymentRefunded;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.payments.domain.ChargeIntent;
import com.musiccorp.payments.domain.ChargeLookup;
import com.musiccorp.payments.domain.ChargeOutcome;
import com.musiccorp.payments.domain.IdempotencyKeys;
import com.musiccorp.payments.domain.Payment;
import com.musiccorp.payments.domain.PaymentDecider;
import com.musiccorp.payments.domain.PaymentFact;
import com.musiccorp.payments.domain.PaymentInput;
import com.musiccorp.payments.domain.RefundIntent;
import com.musiccorp.payments.domain.RetryPolicy;
import com.musiccorp.payments.domain.Saga;
import com.musiccorp.gateway.GatewaySimulator;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The domain and the simulated gateway together, driven the way the topology will drive them:
 * record the intent, then call, then feed the answer back. A "crash" is a call whose answer is
 * never recorded; a "restart" rebuilds the state by folding the recorded facts.
 */
class ChargingAgainstSimulatedGatewayTest {

    static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(8));
    static final Duration LATENCY = Duration.ofMillis(120);

    final GatewaySimulator simulator = new GatewaySimulator(50_000);
    final SimulatedPaymentGateway gateway = new SimulatedPaymentGateway(simulator);

    /** Calls the gateway for the state's pending call once, at its due time, and returns the answer. */
    PaymentInput callPending(Payment state) {
        return switch (state.pendingCall().orElseThrow()) {
            case ChargeIntent charge ->
                    PaymentInput.ChargeAnswered.to(charge, gateway.charge(charge.toRequest()),
                            charge.notBefore().plus(LATENCY));
            case RefundIntent refund ->
                    PaymentInput.RefundAnswered.to(refund, gateway.refund(refund.toRequest()),
                            refund.notBefore().plus(LATENCY));
            case ChargeLookup lookup ->
                    PaymentInput.ChargeLookedUp.to(lookup, gateway.lookup(lookup.idempotencyKey()),
                            lookup.notBefore().plus(LATENCY));
        };
    }

    /** Executes pending calls until none is left. */
    Saga settle(Saga saga) {
        while (saga.state.pendingCall().isPresent()) {
            saga.handle(callPending(saga.state));
        }
        return saga;
    }

    static <T> List<T> published(Saga saga, Class<T> type) {
        return saga.log.stream()
                .filter(fact -> fact instanceof PaymentFact.Published)
                .map(fact -> ((PaymentFact.Published) fact).event())
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    Saga saga() {
        return new Saga(new PaymentDecider(POLICY));
    }

    @Test
    void theHappyPathChargesOnceAndPublishesPaymentTaken() {
        Saga saga = settle(saga().given(orderPlaced("tok_visa"), stockReserved()));

        PaymentTaken taken = published(saga, PaymentTaken.class).getFirst();
        assertThat(taken.getGatewayReference()).isEqualTo("ch_000001");
        assertThat(simulator.ledger().capturedChargesFor(ORDER)).hasSize(1);
        assertThat(simulator.ledger().charge(IdempotencyKeys.charge(ORDER).toString())).isPresent();
        assertThat(simulator.ledger().totalCharged("cust-7", "GBP")).isEqualTo(2599);
    }

    @Test
    void nothingReachesTheGatewayWithoutAReservation() {
        settle(saga().given(orderPlaced("tok_visa")));
        settle(new Saga(new PaymentDecider(POLICY)).given(orderPlaced("order-9", "tok_visa", 999, "1")));
        Saga insufficient = new Saga(new PaymentDecider(POLICY));
        settle(insufficient.given(orderPlaced("tok_visa"), stockInsufficient()));

        assertThat(gateway.chargeCalls()).isZero();
        assertThat(simulator.ledger().chargesFor(ORDER)).isEmpty();
    }

    @Test
    void transientFailuresAreRetriedUnderOneKeyUntilTheGatewayApproves() {
        Saga saga = settle(saga().given(orderPlaced("tok_transient_2_visa"), stockReserved()));

        assertThat(gateway.chargeCalls()).isEqualTo(3);
        assertThat(simulator.ledger().callsWith(IdempotencyKeys.charge(ORDER).toString())).isEqualTo(3);
        assertThat(published(saga, PaymentTaken.class)).hasSize(1);
        assertThat(simulator.ledger().capturedChargesFor(ORDER)).hasSize(1);
        assertThat(saga.log).filteredOn(fact -> fact instanceof ChargeIntent)
                .extracting(fact -> ((ChargeIntent) fact).notBefore())
                .containsExactly(
                        Events.DECIDED_AT, // due when decided; each retry backs off from its answer
                        Events.DECIDED_AT.plus(LATENCY).plusSeconds(1),
                        Events.DECIDED_AT.plus(LATENCY).plusSeconds(1).plus(LATENCY).plusSeconds(2));
    }

    @Test
    void aGatewayThatKeepsFailingEndsInPaymentFailedAndNoCharge() {
        Saga saga = settle(saga().given(orderPlaced("tok_transient_9"), stockReserved()));

        PaymentFailed failed = published(saga, PaymentFailed.class).getFirst();
        assertThat(failed.getReasonCode()).isEqualTo(PaymentFailureReason.GATEWAY_UNAVAILABLE);
        assertThat(failed.getAttempts()).isEqualTo(4);
        assertThat(gateway.chargeCalls()).isEqualTo(4);
        assertThat(simulator.ledger().chargesFor(ORDER)).isEmpty();
        // it was asked by the key before failing the order, and that closed the key for good
        assertThat(simulator.ledger().isVoided(IdempotencyKeys.charge(ORDER).toString())).isTrue();
    }

    @Test
    void aChargeThatCapturedButWhoseAnswersWereAllLostIsFoundByTheLookupAndTaken() {
        Saga saga = saga().given(orderPlaced("tok_visa"), stockReserved());
        // every attempt reaches the gateway, which captures on the first; payments hears nothing back
        while (saga.state.pendingCall().orElseThrow() instanceof ChargeIntent charge) {
            gateway.charge(charge.toRequest());
            saga.answerCharge(new ChargeOutcome.Transient("read timed out"), charge.notBefore().plus(LATENCY));
        }
        settle(saga);

        assertThat(published(saga, PaymentTaken.class)).hasSize(1);
        assertThat(published(saga, PaymentFailed.class)).isEmpty();
        assertThat(simulator.ledger().capturedChargesFor(ORDER)).hasSize(1);
    }

    @Test
    void aDeclineAndALimitEndInPaymentFailedWithTheirCodes() {
        Saga declined = settle(saga().given(orderPlaced("tok_decline"), stockReserved()));
        Saga overLimit = settle(new Saga(new PaymentDecider(POLICY))
                .given(orderPlaced("order-big", "tok_visa", 60_000, "1"), stockReserved("order-big", "1")));

        assertThat(published(declined, PaymentFailed.class).getFirst().getReasonCode())
                .isEqualTo(PaymentFailureReason.DECLINED);
        assertThat(published(overLimit, PaymentFailed.class).getFirst().getReasonCode())
                .isEqualTo(PaymentFailureReason.LIMIT_EXCEEDED);
    }

    @Test
    void aCrashAfterTheCallAndBeforeItsAnswerIsRecordedChargesOnlyOnce() {
        Saga beforeCrash = saga().given(orderPlaced("tok_visa"), stockReserved());
        ChargeIntent inFlight = beforeCrash.pendingCharge();
        PaymentInput lostAnswer = callPending(beforeCrash.state); // the gateway charged; we never record it

        // Restart: the state store is restored from what was committed, i.e. the facts up to the intent.
        Saga afterRestart = saga();
        afterRestart.state = afterRestart.decider.fold(beforeCrash.log);
        afterRestart.log.addAll(beforeCrash.log);
        assertThat(afterRestart.state.pendingCall()).contains(inFlight);
        settle(afterRestart);
        // The source topics are re-read from the last commit, too.
        afterRestart.given(orderPlaced("tok_visa"), stockReserved());

        String key = IdempotencyKeys.charge(ORDER).toString();
        assertThat(simulator.ledger().callsWith(key)).isEqualTo(2);
        assertThat(simulator.ledger().capturedChargesFor(ORDER)).hasSize(1);
        assertThat(simulator.ledger().totalCharged("cust-7", "GBP")).isEqualTo(2599);
        assertThat(published(afterRestart, PaymentTaken.class)).hasSize(1)
                .first().extracting(PaymentTaken::getGatewayReference).isEqualTo("ch_000001");
        assertThat(lostAnswer).isEqualTo(PaymentInput.ChargeAnswered.to(inFlight,
                new ChargeOutcome.Approved("ch_000001"),
                inFlight.notBefore().plus(LATENCY)));
    }

    @Test
    void theLedgerShowsOneChargePerOrderHoweverOftenCallsAreRepeated() {
        for (int order = 1; order <= 20; order++) {
            String orderId = "order-" + order;
            Saga saga = new Saga(new PaymentDecider(POLICY))
                    .given(orderPlaced(orderId, "tok_transient_1", 1_000, "1"), stockReserved(orderId, "1"));
            while (saga.state.pendingCall().isPresent()) {
                callPending(saga.state);               // a call whose answer was lost
                callPending(saga.state);               // and another
                saga.handle(callPending(saga.state));  // the one that gets recorded
            }
            assertThat(published(saga, PaymentTaken.class)).hasSize(1);
        }

        for (int order = 1; order <= 20; order++) {
            assertThat(simulator.ledger().capturedChargesFor("order-" + order)).hasSize(1);
        }
        assertThat(simulator.ledger().totalCharged("cust-7", "GBP")).isEqualTo(20 * 1_000);
    }

    @Test
    void itemNotFoundRefundsTheChargeOnceEvenAcrossARestart() {
        Saga saga = settle(saga().given(orderPlaced("tok_visa"), stockReserved()));
        saga.given(itemNotFound("1"));
        callPending(saga.state); // refunded at the gateway, answer lost

        Saga afterRestart = saga();
        afterRestart.state = afterRestart.decider.fold(saga.log);
        afterRestart.log.addAll(saga.log);
        settle(afterRestart);

        PaymentRefunded refunded = published(afterRestart, PaymentRefunded.class).getFirst();
        assertThat(refunded.getPaymentId()).isEqualTo(IdempotencyKeys.charge(ORDER).toString());
        assertThat(simulator.ledger().callsWith(IdempotencyKeys.refund(ORDER).toString())).isEqualTo(2);
        assertThat(simulator.ledger().charge(IdempotencyKeys.charge(ORDER).toString()).orElseThrow().refundKey())
                .isEqualTo(IdempotencyKeys.refund(ORDER).toString());
        assertThat(simulator.ledger().outstanding("cust-7", "GBP")).isZero();
        assertThat(published(afterRestart, PaymentRefunded.class)).hasSize(1);
    }
}
