package com.musiccorp.payments.stream;

import com.musiccorp.payments.domain.ChargeIntent;
import com.musiccorp.payments.domain.ChargeLookup;
import com.musiccorp.payments.domain.ChargeOutcome;
import com.musiccorp.payments.domain.LookupOutcome;
import com.musiccorp.payments.domain.Payment;
import com.musiccorp.payments.domain.PaymentFact;
import com.musiccorp.payments.domain.PaymentGateway;
import com.musiccorp.payments.domain.PaymentInput;
import com.musiccorp.payments.domain.RefundIntent;
import com.musiccorp.payments.domain.RefundOutcome;
import com.musiccorp.platform.streams.step.OutsideCalls;
import com.musiccorp.platform.streams.step.PendingCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The payment step's calls to the gateway: a payment's {@link Payment#pendingCall()} (a charge or
 * refund intent) is made with its idempotency key, and the gateway's answer comes back as
 * {@code ChargeAnswered}/{@code RefundAnswered}, stamped with the time it came; a lookup of a charge
 * that went unanswered (by the same key) comes back as {@code ChargeLookedUp}.
 *
 * <p>Only an intent the step has recorded is ever made, always with its idempotency key. A crash
 * after a call loses the answer; the restored intent is made again with the same key and the gateway
 * answers the original outcome instead of charging twice. A call made before its intent commits is
 * safe for the same reason: after a crash the input is decided again with the same key (it depends
 * on the order id only). Each attempt is its own call: an answer to attempt 1 is not decided once
 * the state waits for attempt 2.
 */
final class GatewayCalls implements OutsideCalls<PaymentInput, Payment, PaymentFact.GatewayCall> {

    private static final Logger log = LoggerFactory.getLogger(GatewayCalls.class);

    private final PaymentGateway gateway;
    private final Clock clock;

    GatewayCalls(PaymentGateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    @Override
    public String system() {
        return "payment-gateway";
    }

    @Override
    public String outcomeOf(PaymentInput answer) {
        return switch (answer) {
            case PaymentInput.ChargeAnswered a -> "charge-" + OutsideCalls.kind(a.outcome());
            case PaymentInput.RefundAnswered a -> "refund-" + OutsideCalls.kind(a.outcome());
            case PaymentInput.ChargeLookedUp a -> "lookup-" + OutsideCalls.kind(a.outcome());
            default -> "answered";
        };
    }

    @Override
    public String correlationIdOf(PaymentFact.GatewayCall call) {
        return switch (call) {
            case ChargeIntent charge -> charge.cause().correlationId();
            case RefundIntent refund -> refund.cause().correlationId();
            case ChargeLookup lookup -> lookup.charge().cause().correlationId();
        };
    }

    @Override
    public List<PendingCall<PaymentFact.GatewayCall>> pending(Payment payment) {
        return payment.pendingCall().map(call -> List.of(new PendingCall<>(
                call.callId(), call.notBefore(), call))).orElse(List.of());
    }

    @Override
    public Optional<PaymentInput> call(String orderId, PaymentFact.GatewayCall intent) {
        return Optional.of(switch (intent) {
            case ChargeIntent charge -> {
                ChargeOutcome outcome = gateway.charge(charge.toRequest());
                log.info("Order {}: charge attempt {} answered {}", orderId, charge.attempt(), outcome);
                yield PaymentInput.ChargeAnswered.to(charge, outcome, Instant.now(clock));
            }
            case ChargeLookup lookup -> {
                LookupOutcome outcome = gateway.lookup(lookup.idempotencyKey());
                log.info("Order {}: lookup {} of charge {} answered {}", orderId, lookup.attempt(),
                        lookup.idempotencyKey(), outcome);
                yield PaymentInput.ChargeLookedUp.to(lookup, outcome, Instant.now(clock));
            }
            case RefundIntent refund -> {
                RefundOutcome outcome = gateway.refund(refund.toRequest());
                log.info("Order {}: refund attempt {} answered {}", orderId, refund.attempt(), outcome);
                yield PaymentInput.RefundAnswered.to(refund, outcome, Instant.now(clock));
            }
        });
    }
}
