package com.musiccorp.payments.stream;

import com.musiccorp.payments.domain.Payment;
import com.musiccorp.payments.domain.PaymentDecider;
import com.musiccorp.payments.domain.PaymentFact;
import com.musiccorp.payments.domain.PaymentInput;
import com.musiccorp.platform.streams.step.Calling;
import com.musiccorp.platform.streams.step.Inputs;
import com.musiccorp.platform.streams.step.Output;
import com.musiccorp.platform.streams.step.Step;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Payments' one step (key: order id), run by the platform's step processor: an input event is
 * decided against the order's {@link Payment} in {@code payments-store}; a decision to charge or
 * refund is only <em>recorded</em> (an intent in the state), and the published facts go to
 * {@code payments.events}. The intents are {@link GatewayCalls}: made as soon as they are due, off
 * the stream thread, their answers decided through the same step.
 */
final class PaymentStep {

    private PaymentStep() {
    }

    /** @param retryScanEvery how often calls due later (a back-off) or left unanswered are looked for */
    static Step<SpecificRecord, PaymentInput, PaymentFact, Payment, SpecificRecord> of(PaymentDecider decider,
            GatewayCalls gateway, Duration retryScanEvery, Executor callers) {
        return Step.of(PaymentsTopology.PAYMENTS_STORE, decider, INPUTS, PaymentStep::outputs)
                .calling(new Calling<>(gateway, PaymentsTopology.PAYMENT_CALLS_DUE_STORE, retryScanEvery, callers));
    }

    private static final Inputs<SpecificRecord, PaymentInput> INPUTS = Inputs.of(PaymentInput::fromEvent, PaymentInput::orderId);

    private static List<Output<SpecificRecord>> outputs(String orderId, PaymentFact fact) {
        return fact instanceof PaymentFact.Published published
                ? List.of(Output.event(orderId, published.event()))
                : List.of();
    }
}
