package com.musiccorp.payments.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The live path of one order, as the topology will run it: decide, then fold every fact into the
 * state, and keep the fact log (what the store's changelog and payments.events together hold).
 */
public final class Saga {

    public final PaymentDecider decider;
    public Payment state;
    public final List<PaymentFact> log = new ArrayList<>();

    public Saga(PaymentDecider decider) {
        this.decider = decider;
        this.state = decider.initialState();
    }

    public Saga() {
        this(new PaymentDecider());
    }

    /** Decides on {@code input}, applies what was decided, and returns it. */
    public List<PaymentFact> handle(PaymentInput input) {
        List<PaymentFact> facts = decider.decide(input, state, Events.DECIDED_AT);
        state = decider.evolveAll(state, facts);
        log.addAll(facts);
        return facts;
    }

    public Saga given(PaymentInput... inputs) {
        for (PaymentInput input : inputs) {
            handle(input);
        }
        return this;
    }

    public ChargeIntent pendingCharge() {
        return (ChargeIntent) state.pendingCall().orElseThrow();
    }

    public RefundIntent pendingRefund() {
        return (RefundIntent) state.pendingCall().orElseThrow();
    }

    /** Answers the pending charge at {@code at}. */
    public List<PaymentFact> answerCharge(ChargeOutcome outcome, java.time.Instant at) {
        return handle(PaymentInput.ChargeAnswered.to(pendingCharge(), outcome, at));
    }

    public ChargeLookup pendingLookup() {
        return (ChargeLookup) state.pendingCall().orElseThrow();
    }

    /** Answers the pending lookup of an unanswered charge at {@code at}. */
    public List<PaymentFact> answerLookup(LookupOutcome outcome, java.time.Instant at) {
        return handle(PaymentInput.ChargeLookedUp.to(pendingLookup(), outcome, at));
    }

    /** Answers every attempt of the pending charge as a transient failure, up to the policy's last. */
    public Saga failEveryAttempt(java.time.Instant from) {
        java.time.Instant at = from;
        while (state.pendingCall().orElse(null) instanceof ChargeIntent) {
            at = at.plusSeconds(10);
            answerCharge(new ChargeOutcome.Transient("HTTP 503"), at);
        }
        return this;
    }

    public List<PaymentFact> answerRefund(RefundOutcome outcome, java.time.Instant at) {
        return handle(PaymentInput.RefundAnswered.to(pendingRefund(), outcome, at));
    }
}
