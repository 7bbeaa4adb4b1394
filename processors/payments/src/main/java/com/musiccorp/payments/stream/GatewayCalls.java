package com.musiccorp.payments.stream;

import com.musiccorp.payments.domain.ChargeIntent;
import com.musiccorp.payments.domain.ChargeOutcome;
import com.musiccorp.payments.domain.Payment;
import com.musiccorp.payments.domain.PaymentFact;
import com.musiccorp.payments.domain.PaymentGateway;
import com.musiccorp.payments.domain.PaymentInput;
import com.musiccorp.payments.domain.RefundIntent;
import com.musiccorp.payments.domain.RefundOutcome;
import com.musiccorp.platform.streams.step.Punctuations;
import com.musiccorp.platform.streams.step.Steps;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The payment step's side effect: every {@code callInterval} of wall-clock time, the due gateway
 * calls are executed and each answer is fed back through the same step as
 * {@code ChargeAnswered}/{@code RefundAnswered}. The due calls are found by range-scanning
 * {@link PaymentCallsDueIndex} up to now, not by reading every payment in the store.
 *
 * <p>Only an intent the step has recorded (a {@link Payment#pendingCall()}) is ever executed, always
 * with its idempotency key. The call is outside the EOS transaction: a crash after it loses the
 * answer, the restored intent is executed again with the same key, and the gateway answers the
 * original outcome instead of charging twice. A call made before its intent commits is safe for the
 * same reason: after a crash the input is decided again with the same key (it depends on the order
 * id only). Each call blocks the stream thread for at most the gateway's timeout.
 */
final class GatewayCalls implements Punctuations<PaymentInput, Payment> {

    private static final Logger log = LoggerFactory.getLogger(GatewayCalls.class);

    /** Calls per punctuation, so a backlog of due calls does not keep the stream thread from polling. */
    static final int MAX_CALLS_PER_ROUND = 25;

    private final PaymentGateway gateway;
    private final Duration callInterval;
    private final PaymentCallsDueIndex dueIndex;

    /** @param dueIndex the same task's index, which the step keeps up to date as its watcher */
    GatewayCalls(PaymentGateway gateway, Duration callInterval, PaymentCallsDueIndex dueIndex) {
        this.gateway = gateway;
        this.callInterval = callInterval;
        this.dueIndex = dueIndex;
    }

    @Override
    public void schedule(ProcessingContext context, KeyValueStore<String, Payment> payments,
            Steps<PaymentInput, Payment> steps) {
        context.schedule(callInterval, PunctuationType.WALL_CLOCK_TIME,
                wallClockMillis -> callDueGateways(Instant.ofEpochMilli(wallClockMillis), context, payments, steps));
    }

    /** Executes the due pending calls (bounded per round), one gateway call per order. */
    private void callDueGateways(Instant now, ProcessingContext context, KeyValueStore<String, Payment> payments,
            Steps<PaymentInput, Payment> steps) {
        for (KeyValue<String, String> entry : dueIndex.dueAt(now, MAX_CALLS_PER_ROUND)) {
            String orderId = entry.value;
            Optional<PaymentFact.GatewayCall> pending = Optional.ofNullable(payments.get(orderId))
                    .flatMap(Payment::pendingCall)
                    .filter(call -> PaymentCallsDueIndex.key(call.notBefore(), orderId).equals(entry.key));
            if (pending.isEmpty()) {
                log.warn("Dropping stale payment call index entry {}: order {} waits for no such call", entry.key,
                        orderId);
                dueIndex.forget(entry.key);
                continue;
            }
            steps.apply(orderId, call(orderId, pending.get(), context));
        }
    }

    /** Calls the gateway for the intent and gives its answer, observed at the wall-clock time after the call. */
    private PaymentInput call(String orderId, PaymentFact.GatewayCall intent, ProcessingContext context) {
        return switch (intent) {
            case ChargeIntent charge -> {
                ChargeOutcome outcome = gateway.charge(charge.toRequest());
                log.info("Order {}: charge attempt {} answered {}", orderId, charge.attempt(), outcome);
                yield PaymentInput.ChargeAnswered.to(charge, outcome, observedNow(context));
            }
            case RefundIntent refund -> {
                RefundOutcome outcome = gateway.refund(refund.toRequest());
                log.info("Order {}: refund attempt {} answered {}", orderId, refund.attempt(), outcome);
                yield PaymentInput.RefundAnswered.to(refund, outcome, observedNow(context));
            }
        };
    }

    private static Instant observedNow(ProcessingContext context) {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }
}
