package com.musiccorp.payments.stream;

import com.musiccorp.payments.domain.Payment;
import com.musiccorp.payments.domain.PaymentDecider;
import com.musiccorp.payments.domain.PaymentFact;
import com.musiccorp.payments.domain.PaymentGateway;
import com.musiccorp.payments.domain.PaymentInput;
import com.musiccorp.platform.streams.step.Inputs;
import com.musiccorp.platform.streams.step.Output;
import com.musiccorp.platform.streams.step.Step;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

import java.time.Duration;
import java.util.List;

/**
 * Payments' one step (key: order id), run by the platform's step processor: an input event is
 * decided against the order's {@link Payment} in {@code payments-store}; a decision to charge or
 * refund is only <em>recorded</em> (an intent in the state), and the published facts go to
 * {@code payments.events}. The stored state is followed by {@link PaymentCallsDueIndex}, and
 * {@link GatewayCalls} executes the due intents and feeds the answers back through the same step.
 */
final class PaymentStep {

    private PaymentStep() {
    }

    /**
     * A new step per task: its index holds the task's own {@code payment-calls-due-store}, and the
     * punctuator scans that same index.
     */
    static ProcessorSupplier<String, SpecificRecord, String, SpecificRecord> perTask(PaymentDecider decider,
            PaymentGateway gateway, Duration callInterval) {
        return Step.perTask(() -> of(decider, gateway, callInterval));
    }

    static Step<SpecificRecord, PaymentInput, PaymentFact, Payment, SpecificRecord> of(PaymentDecider decider,
            PaymentGateway gateway, Duration callInterval) {
        PaymentCallsDueIndex dueIndex = new PaymentCallsDueIndex();
        return Step.of(PaymentsTopology.PAYMENTS_STORE, decider, INPUTS, PaymentStep::outputs)
                .watchedBy(dueIndex)
                .scheduling(new GatewayCalls(gateway, callInterval, dueIndex));
    }

    private static final Inputs<SpecificRecord, PaymentInput> INPUTS = Inputs.of(PaymentInput::fromEvent, PaymentInput::orderId);

    private static List<Output<SpecificRecord>> outputs(String orderId, PaymentFact fact) {
        return fact instanceof PaymentFact.Published published
                ? List.of(Output.event(orderId, published.event()))
                : List.of();
    }
}
