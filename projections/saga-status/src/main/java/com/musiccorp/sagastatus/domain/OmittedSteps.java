package com.musiccorp.sagastatus.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the steps a saga dropped from its bounded timeline are remembered (the topology: a store
 * keyed per step, so no single value grows), read while folding the saga's next events.
 */
public interface OmittedSteps {

    /** The omitted step {@code eventId} of the saga, if it was omitted. */
    Optional<OmittedStep> find(String correlationId, String eventId);

    /** The omitted steps of the saga caused by {@code eventId}. */
    List<OmittedStep> effectsOf(String correlationId, String eventId);

    /** For a saga that never omitted a step. */
    static OmittedSteps none() {
        return new OmittedSteps() {
            @Override
            public Optional<OmittedStep> find(String correlationId, String eventId) {
                return Optional.empty();
            }

            @Override
            public List<OmittedStep> effectsOf(String correlationId, String eventId) {
                return List.of();
            }
        };
    }

    /** In memory, for folds outside Kafka Streams (tests, {@link SagaProjection#foldAll}). */
    final class InMemory implements OmittedSteps {
        private final Map<String, OmittedStep> byId = new HashMap<>();

        public void addAll(String correlationId, List<OmittedStep> steps) {
            steps.forEach(s -> byId.put(correlationId + "|" + s.eventId(), s));
        }

        @Override
        public Optional<OmittedStep> find(String correlationId, String eventId) {
            return Optional.ofNullable(byId.get(correlationId + "|" + eventId));
        }

        @Override
        public List<OmittedStep> effectsOf(String correlationId, String eventId) {
            List<OmittedStep> effects = new ArrayList<>();
            byId.forEach((key, s) -> {
                if (key.startsWith(correlationId + "|") && eventId.equals(s.causationId())) effects.add(s);
            });
            return effects;
        }
    }
}
