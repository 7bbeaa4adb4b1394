package com.musiccorp.payments.stream;

import com.musiccorp.payments.domain.ChargeIntent;
import com.musiccorp.payments.domain.ChargeOutcome;
import com.musiccorp.payments.domain.Payment;
import com.musiccorp.payments.domain.PaymentDecider;
import com.musiccorp.payments.domain.PaymentFact;
import com.musiccorp.payments.domain.PaymentGateway;
import com.musiccorp.payments.domain.PaymentInput;
import com.musiccorp.payments.domain.RefundIntent;
import com.musiccorp.payments.domain.RefundOutcome;
import com.musiccorp.platform.streams.EventHeaders;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Payments' one processor. Two ways in, one way to change state:
 * <ul>
 *   <li>{@link #process}: an input event is decided against the order's state; the facts are folded
 *       into the store and the published ones forwarded to {@code payments.events}. A decision to
 *       charge or refund is only <em>recorded</em> here (an intent in the state), never executed.</li>
 *   <li>a wall-clock punctuator: every {@code callInterval} it range-scans
 *       {@link PaymentCallsDueIndex} ({@code payment-calls-due-store}) for orders whose
 *       {@link Payment#pendingCall()} is due, calls the gateway with the intent's idempotency key,
 *       and feeds the answer back as {@code ChargeAnswered}/{@code RefundAnswered} through the same
 *       decide-evolve-store-forward step.</li>
 * </ul>
 * Every state write also moves the order's entry in that index, in the same step, so both commit in
 * one transaction and restore together.
 * Under exactly-once, the store update and the forwarded events of a step commit together with the
 * input offsets. The gateway call is outside the transaction: a crash after the call loses its
 * answer, the intent is still pending after the restore, and it is executed again with the same
 * key; the gateway answers the original outcome instead of charging twice. The key depends only on
 * the order id, so even an intent whose transaction aborted is re-derived with the same key.
 */
final class DecidePayment implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(DecidePayment.class);

    /** Calls per punctuation, so a backlog of due calls does not keep the stream thread from polling. */
    static final int MAX_CALLS_PER_ROUND = 25;

    private final PaymentDecider decider;
    private final PaymentGateway gateway;
    private final Duration callInterval;

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, Payment> payments;
    private PaymentCallsDueIndex dueIndex;

    DecidePayment(PaymentDecider decider, PaymentGateway gateway, Duration callInterval) {
        this.decider = decider;
        this.gateway = gateway;
        this.callInterval = callInterval;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.payments = context.getStateStore(PaymentsTopology.PAYMENTS_STORE);
        this.dueIndex = new PaymentCallsDueIndex(context.getStateStore(PaymentsTopology.PAYMENT_CALLS_DUE_STORE));
        context.schedule(callInterval, PunctuationType.WALL_CLOCK_TIME, this::callDueGateways);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        Optional<PaymentInput> input = PaymentInput.fromEvent(record.value());
        if (input.isEmpty()) {
            return; // an event of the saga payments does not react to
        }
        String orderId = input.get().orderId();
        if (!orderId.equals(record.key())) {
            // The state lives in the partition of the order id; throwing sends it to the dead-letter topic.
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the event's order id '"
                    + orderId + "'");
        }
        // No commit is requested here: a commit per input (one transaction each) capped throughput.
        // A call made before its intent commits is safe: after a crash the input is decided again,
        // with the same idempotency key, and the gateway answers that key once.
        step(input.get());
    }

    /**
     * Executes the due pending calls (bounded per round), one gateway call per order, found by
     * range-scanning {@link PaymentCallsDueIndex} up to now rather than every state in the store.
     */
    private void callDueGateways(long wallClockMillis) {
        Instant now = Instant.ofEpochMilli(wallClockMillis);
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
            PaymentInput answer = switch (pending.get()) {
                case ChargeIntent charge -> {
                    ChargeOutcome outcome = gateway.charge(charge.toRequest());
                    log.info("Order {}: charge attempt {} answered {}", orderId, charge.attempt(), outcome);
                    yield PaymentInput.ChargeAnswered.to(charge, outcome, observedNow());
                }
                case RefundIntent refund -> {
                    RefundOutcome outcome = gateway.refund(refund.toRequest());
                    log.info("Order {}: refund attempt {} answered {}", orderId, refund.attempt(), outcome);
                    yield PaymentInput.RefundAnswered.to(refund, outcome, observedNow());
                }
            };
            step(answer);
        }
    }

    private Instant observedNow() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    /** Decide, evolve, store, forward. Returns the new state, or null when nothing was decided. */
    private Payment step(PaymentInput input) {
        String orderId = input.orderId();
        Payment state = payments.get(orderId);
        if (state == null) {
            state = decider.initialState();
        }
        List<PaymentFact> facts = decider.decide(input, state);
        if (facts.isEmpty()) {
            return null; // a duplicate: nothing new
        }
        Payment next = decider.evolveAll(state, facts);
        if (!next.equals(state)) {
            payments.put(orderId, next);
            dueIndex.follow(orderId, state, next);
        }
        for (PaymentFact fact : facts) {
            if (fact instanceof PaymentFact.Published published) {
                SpecificRecord event = published.event();
                context.forward(new Record<>(orderId, event,
                        EventHeaders.metadataOf(event).getOccurredAt().toEpochMilli(), EventHeaders.of(event)));
            }
        }
        return next;
    }
}
