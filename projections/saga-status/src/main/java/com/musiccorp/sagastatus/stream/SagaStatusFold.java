package com.musiccorp.sagastatus.stream;

import com.musiccorp.platform.streams.rebuild.RebuildableState;
import com.musiccorp.platform.streams.rebuild.StateDigest;
import com.musiccorp.sagastatus.domain.OmittedStep;
import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.Step;
import com.musiccorp.sagastatus.domain.TransitionStats;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The saga-status projection as a rebuildable state: its fold is its live topology (it writes to no
 * event topic), so a caught-up rebuild takes over.
 *
 * <p>The digest covers the facts: every saga's identity and timeline ({@code sagas-store}, without
 * {@code lastProgressAt} and {@code stalledSince}, which are this process's wall-clock), the
 * order-id index, the steps left out of bounded timelines and the transition statistics (event
 * time); which steps a saga keeps depends only on its set of events, so a rebuild matches. The status index and counts and the
 * stall index are left out: they are keyed or split by wall-clock stall state, which no replay of
 * events can reproduce, and are derived from the sagas the digest already covers.
 */
public final class SagaStatusFold implements RebuildableState {

    private final Serde<SpecificRecord> events;
    private final Duration stallAfter;
    private final Duration stallCheck;
    private final SagaUpdates updates;
    private final Function<Saga, Object> render;

    /** @param render a saga as the HTTP API shows it */
    public SagaStatusFold(Serde<SpecificRecord> events, Duration stallAfter, Duration stallCheck, SagaUpdates updates,
            Function<Saga, Object> render) {
        this.events = events;
        this.stallAfter = stallAfter;
        this.stallCheck = stallCheck;
        this.updates = updates;
        this.render = render;
    }

    /** What a saga is for the digest: everything but this process's wall-clock. */
    record SagaFacts(String correlationId, String orderId, String customerId, List<Step> steps, long omittedSteps,
                     List<String> eventTypes) {
        static SagaFacts of(Saga s) {
            return new SagaFacts(s.correlationId(), s.orderId(), s.customerId(), s.steps(), s.omittedSteps(),
                    s.eventTypes());
        }
    }

    @Override
    public Topology foldTopology(Properties streamsProperties, Optional<Instant> asOf) {
        return SagaStatusTopology.build(events, streamsProperties, stallAfter, stallCheck, updates, asOf);
    }

    @Override
    public List<String> inputTopics() {
        return SagaStatusTopology.INPUT_TOPICS;
    }

    @Override
    public StateDigest digest(KafkaStreams streams, StateDigest digest) {
        this.<Saga>each(streams, SagaStatusTopology.SAGAS_STORE,
                (key, saga) -> digest.add(SagaStatusTopology.SAGAS_STORE, key, SagaFacts.of(saga)));
        this.<String>each(streams, SagaStatusTopology.CORRELATION_INDEX_STORE,
                (key, orderId) -> digest.add(SagaStatusTopology.CORRELATION_INDEX_STORE, key, orderId));
        digest.store(SagaStatusTopology.OMITTED_STEPS_STORE);
        this.<OmittedStep>each(streams, SagaStatusTopology.OMITTED_STEPS_STORE,
                (key, step) -> digest.add(SagaStatusTopology.OMITTED_STEPS_STORE, key, step));
        // Each partition keeps its own statistics per transition: the digest takes their sum, as /choreography does.
        Map<String, TransitionStats> transitions = new TreeMap<>();
        this.<TransitionStats>each(streams, SagaStatusTopology.TRANSITIONS_STORE,
                (key, stats) -> transitions.merge(key, stats, TransitionStats::plus));
        digest.store(SagaStatusTopology.TRANSITIONS_STORE);
        transitions.forEach((key, stats) -> digest.add(SagaStatusTopology.TRANSITIONS_STORE, key, stats));
        return digest;
    }

    /** A saga by order id, or by correlation id through the correlation index. */
    @Override
    public Optional<Object> view(KafkaStreams streams, String key) {
        Saga saga = this.<Saga>store(streams, SagaStatusTopology.SAGAS_STORE).get(key);
        if (saga == null) {
            String orderId = this.<String>store(streams, SagaStatusTopology.CORRELATION_INDEX_STORE).get(key);
            saga = orderId == null ? null : this.<Saga>store(streams, SagaStatusTopology.SAGAS_STORE).get(orderId);
        }
        return Optional.ofNullable(saga).map(render);
    }

    @Override
    public boolean foldIsLive() {
        return true;
    }

    private <V> void each(KafkaStreams streams, String name, BiConsumer<String, V> action) {
        try (KeyValueIterator<String, V> all = this.<V>store(streams, name).all()) {
            while (all.hasNext()) {
                KeyValue<String, V> e = all.next();
                action.accept(e.key, e.value);
            }
        }
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(KafkaStreams streams, String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }
}
