package com.musiccorp.sagastatus.stream;

import com.musiccorp.sagastatus.domain.OmittedStep;
import com.musiccorp.sagastatus.domain.OmittedSteps;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link OmittedSteps} in {@code saga-omitted-steps-store}, one small entry per omitted step (and
 * one more under its cause, to find the effects of an event by a range scan), so a saga's many
 * events never make one stored value grow. Keys: {@code id|correlationId|eventId} and
 * {@code cause|correlationId|causationId|eventId}. One per task, opened when its processor starts.
 */
final class StoreOmittedSteps implements OmittedSteps {

    private KeyValueStore<String, OmittedStep> store;

    /** Binds the task's store: the decider reads it, {@link TransitionsAndOmittedSteps} writes it. */
    void open(ProcessingContext context) {
        this.store = context.getStateStore(SagaStatusTopology.OMITTED_STEPS_STORE);
    }

    void add(String correlationId, OmittedStep step) {
        store.put(idKey(correlationId, step.eventId()), step);
        if (step.causationId() != null) {
            store.put(causePrefix(correlationId, step.causationId()) + step.eventId(), step);
        }
    }

    @Override
    public Optional<OmittedStep> find(String correlationId, String eventId) {
        return Optional.ofNullable(store.get(idKey(correlationId, eventId)));
    }

    @Override
    public List<OmittedStep> effectsOf(String correlationId, String eventId) {
        String prefix = causePrefix(correlationId, eventId);
        List<OmittedStep> effects = new ArrayList<>();
        try (KeyValueIterator<String, OmittedStep> it = store.range(prefix, prefix + IndexKeys.HIGH)) {
            it.forEachRemaining(kv -> effects.add(kv.value));
        }
        return effects;
    }

    private static String idKey(String correlationId, String eventId) {
        return "id" + IndexKeys.SEPARATOR + correlationId + IndexKeys.SEPARATOR + eventId;
    }

    private static String causePrefix(String correlationId, String causationId) {
        return "cause" + IndexKeys.SEPARATOR + correlationId + IndexKeys.SEPARATOR + causationId + IndexKeys.SEPARATOR;
    }
}
