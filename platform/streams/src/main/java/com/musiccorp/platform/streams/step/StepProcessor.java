package com.musiccorp.platform.streams.step;

import com.musiccorp.platform.decider.Decider;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.trace.Spans;
import com.musiccorp.platform.streams.trace.TraceContext;
import com.musiccorp.platform.streams.trace.TraceHeaders;
import com.musiccorp.platform.streams.trace.TraceLogging;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.Optional;

/**
 * Runs a {@link Step}: an input is decided against its key's state; the facts are folded into the
 * state, which is stored (and shown to the watcher) before anything is forwarded, so a state over
 * the record limit fails the step before it emitted anything and the whole input is dead-lettered.
 * Nothing is decided is nothing stored: a redelivered input changes nothing.
 *
 * <p>Under exactly-once the store write, the forwarded records and the input's offset commit
 * together. No commit is requested per input: a transaction per record capped throughput, and the
 * commit interval bounds how long a step waits to become visible.
 *
 * <p>Every input is decided at the wall clock of its processing ({@code currentSystemTimeMs}, which a
 * TopologyTestDriver advances by hand), not at its record's time: a reaction happened when its
 * context decided it, so a saga's timeline shows the real gaps. Only the time differs when an input
 * is decided again after a crash; ids derive from inputs.
 *
 * <p>Every forwarded record continues its input's W3C trace ({@link StepTrace}); an answer fed back
 * by a punctuation continues the trace of the decision that made its call pending ({@link DueCalls}
 * keeps it). While an input is decided, the log MDC carries its correlation id, trace id and span id.
 */
final class StepProcessor<V, I, F, S, O> implements Processor<String, V, String, O> {

    private final Step<V, I, F, S, O> step;
    private ProcessorContext<String, O> context;
    private KeyValueStore<String, S> store;
    private DecodedStates<S> decoded;
    private StateStorage<I, S> storage;
    private DueCalls<I, S, ?> calls;
    private Steps<I, S> steps;
    private final Spans spans = Spans.process();

    StepProcessor(Step<V, I, F, S, O> step) {
        this.step = step;
    }

    @Override
    public void init(ProcessorContext<String, O> context) {
        this.context = context;
        this.store = context.getStateStore(step.store());
        if (step.storage() != null) {
            storage = step.storage().get();
            storage.init(context);
        } else {
            decoded = DecodedStates.join(context, step.store());
        }
        step.watcher().init(context);
        steps = new Steps<>() {
            @Override
            public S apply(String key, I input) {
                return apply(key, input, null);
            }

            @Override
            public S apply(String key, I input, TraceContext trace) {
                return decide(key, input, trace, null, input.getClass().getSimpleName());
            }
        };
        step.punctuations().schedule(context, store, steps);
        if (step.calling() != null) {
            calls = DueCalls.join(context, store, key -> decoded.get(key, store::get), step.calling(), steps);
        }
    }

    @Override
    public void close() {
        if (decoded != null) {
            decoded.leave();
            decoded = null;
        }
        if (calls != null) {
            calls.leave();
            calls = null;
        }
    }

    @Override
    public void process(Record<String, V> record) {
        if (calls != null) {
            calls.decideAnswersBefore(steps);
        }
        Optional<I> input = step.inputs().read(record.value());
        if (input.isEmpty()) {
            return; // a type its topic carries that this context has no concern with
        }
        String key = step.inputs().keyOf(input.get());
        if (!key.equals(record.key())) {
            // The state lives in its key's partition; throwing sends the record to the dead-letter topic.
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the key '" + key
                    + "' of the " + input.get().getClass().getSimpleName() + " it carries");
        }
        String type = EventHeaders.text(record.headers(), EventHeaders.EVENT_TYPE);
        decide(key, input.get(), TraceHeaders.read(record.headers()),
                EventHeaders.text(record.headers(), EventHeaders.CORRELATION_ID),
                type != null ? type : input.get().getClass().getSimpleName());
    }

    private S decide(String key, I input, TraceContext trace, String correlationId, String inputType) {
        TraceLogging.enter(correlationId, trace);
        try {
            return apply(key, input, new StepTrace(trace, inputType, context.applicationId(), key, spans));
        } finally {
            TraceLogging.leave();
        }
    }

    private S apply(String key, I input, StepTrace trace) {
        long decidedAt = context.currentSystemTimeMs();
        Decider<I, F, S> decider = step.decider();
        S state = storage != null ? storage.read(key, input) : decoded.get(key, store::get);
        if (state == null) {
            state = decider.initialState();
        }
        Decider.Decision<F, S> decision = decider.decision(input, state, Instant.ofEpochMilli(decidedAt));
        if (decision.facts().isEmpty()) {
            return state;
        }
        if (!decision.state().equals(state)) {
            if (storage != null) {
                storage.write(key, state, decision.state());
            } else {
                store.put(key, decision.state());
                decoded.put(key, decision.state());
            }
            step.watcher().changed(key, state, decision.state());
            if (calls != null) {
                calls.changed(key, state, decision.state(), trace.input());
            }
        }
        for (F fact : decision.facts()) {
            for (Output<O> out : step.outputs().of(key, fact)) {
                long timestamp = out.timestamp() != null ? out.timestamp() : decidedAt;
                trace.forwarding(out.headers(), out.value());
                context.forward(new Record<>(out.key(), out.value(), timestamp, out.headers()));
            }
        }
        return decision.state();
    }
}
