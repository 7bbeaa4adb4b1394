package com.musiccorp.sagastatus.stream;

import com.musiccorp.sagastatus.domain.SagaFact;
import com.musiccorp.sagastatus.domain.Transition;
import com.musiccorp.sagastatus.domain.TransitionStats;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the fold step's facts that leave the saga as it is: each completed transition in
 * {@code transitions-store}, each step left out of a timeline in {@code saga-omitted-steps-store}.
 * The step forwards them here in the same task, synchronously, so they are written before the step's
 * next input is decided (which reads the omitted steps) and commit with the saga.
 *
 * <p>A processor of its own because these facts cannot be derived from a saga before and after (the
 * step's watcher sees only those): an event omitted at once is in neither, and a transition needs
 * the event and the omitted steps.
 */
final class TransitionsAndOmittedSteps implements Processor<String, SagaFact, Void, Void> {

    private final StoreOmittedSteps omitted = new StoreOmittedSteps();
    private final SagaMeters meters;
    private KeyValueStore<String, TransitionStats> transitions;
    /**
     * The task's statistics as last stored, by transition: this processor is their only writer, so a
     * count reads them here instead of getting and decoding them from the store on every event. A
     * few dozen transitions, whatever the sagas. (The step's DecodedStates does this for step stores.)
     */
    private final Map<String, TransitionStats> stored = new HashMap<>();

    TransitionsAndOmittedSteps(SagaMeters meters) {
        this.meters = meters;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.transitions = context.getStateStore(SagaStatusTopology.TRANSITIONS_STORE);
        stored.clear();
        omitted.open(context);
    }

    @Override
    public void process(Record<String, SagaFact> record) {
        switch (record.value()) {
            case SagaFact.StepOmitted o -> omitted.add(o.correlationId(), o.step());
            case SagaFact.TransitionCompleted completed -> count(completed.transition());
            default -> throw new IllegalArgumentException("the fold step keeps " + record.value() + " in the saga");
        }
    }

    private void count(Transition t) {
        String key = t.key();
        TransitionStats stats = stored.get(key);
        if (stats == null) {
            stats = transitions.get(key);
        }
        TransitionStats counted = (stats == null ? TransitionStats.empty(t.from(), t.to()) : stats).record(t.latencyMillis());
        transitions.put(key, counted);
        stored.put(key, counted);
        meters.transition(t);
    }
}
