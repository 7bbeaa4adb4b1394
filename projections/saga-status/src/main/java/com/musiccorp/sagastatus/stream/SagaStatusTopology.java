package com.musiccorp.sagastatus.stream;

import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.CommitWhenIdle;
import com.musiccorp.platform.streams.ContextMeters;
import com.musiccorp.platform.streams.WriteBehindStore;
import com.musiccorp.platform.streams.rebuild.AsOf;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.Properties;

/**
 * The saga-status projection on Kafka Streams, folding each saga in its order's partition (every
 * event topic is keyed by order id, and an order is one saga), so no event is repartitioned:
 * <ol>
 *   <li>{@code commit-when-idle}: a commit as soon as a task's input pauses for a second (it commits
 *       every 5 s under load);</li>
 *   <li>{@code observe-saga-event}: every context's event read as a saga event and stamped with the
 *       wall-clock time it is folded;</li>
 *   <li>{@code fold-saga} ({@link FoldSagaStep}, the platform's step): the saga in {@code sagas-store}
 *       (order id → saga) plus its indexes, among them its correlation id → order id, and a wall-clock
 *       punctuator that flags stalled sagas;</li>
 *   <li>{@code keep-transitions-and-omitted-steps}: what the fold completed and left out, beside the saga.</li>
 * </ol>
 * It writes no topic of its own: it is a read model, served over HTTP.
 */
public final class SagaStatusTopology {

    /**
     * Correlation id → order id (plain string), beside the saga in its order's partition, derived from
     * the sagas like the status index: a query by correlation id looks in each partition.
     */
    public static final String CORRELATION_INDEX_STORE = "correlation-index-store";
    /** Order id → {@link com.musiccorp.sagastatus.domain.Saga} (JSON). */
    public static final String SAGAS_STORE = "sagas-store";
    /** {@code STATUS|statusSince|orderId} → order id: listing by status without a full scan. */
    public static final String STATUS_INDEX_STORE = "saga-status-index-store";
    /** Status name → number of sagas with it (per partition; queries add them up). */
    public static final String STATUS_COUNTS_STORE = "saga-status-counts-store";
    /** {@code checkAt|orderId} → order id: when to look whether a saga that can stall has. */
    public static final String STALL_INDEX_STORE = "saga-stall-index-store";
    /** {@code From->To} → {@link com.musiccorp.sagastatus.domain.TransitionStats} (JSON, per partition). */
    public static final String TRANSITIONS_STORE = "transitions-store";
    /**
     * The steps each saga left out of its bounded timeline, one entry per step (and one per step under
     * its cause): {@code id|correlationId|eventId} and {@code cause|correlationId|causationId|eventId}
     * → {@link com.musiccorp.sagastatus.domain.OmittedStep} (JSON).
     */
    public static final String OMITTED_STEPS_STORE = "saga-omitted-steps-store";
    /**
     * saga-status commits every 5 s under load (its writes to a saga collapse in the record cache in
     * between); a task whose input paused this long commits at once (see {@link CommitWhenIdle}).
     */
    static final Duration COMMIT_WHEN_IDLE_FOR = Duration.ofSeconds(1);

    /** Fixed, so a query can compute an order id's partition (the event topics have as many). */
    public static final int SAGA_PARTITIONS = TopicCatalog.ORDER_PARTITIONS;

    public static final List<String> INPUT_TOPICS = List.of(TopicCatalog.ORDERS_EVENTS, TopicCatalog.WAREHOUSE_EVENTS,
            TopicCatalog.PAYMENTS_EVENTS, TopicCatalog.LOYALTY_EVENTS, TopicCatalog.NOTIFICATIONS_EVENTS);

    private SagaStatusTopology() {
    }

    /**
     * @param events     the Avro serde for every topic's events (schema registry, specific reader)
     * @param stallAfter no progress for this long (wall clock) flags a saga STALLED
     * @param stallCheck how often the stall index is checked (wall clock)
     * @param updates    where each stored change is signalled to waiting HTTP requests
     */
    public static Topology build(Serde<SpecificRecord> events, Properties streamsProperties, Duration stallAfter,
            Duration stallCheck, SagaUpdates updates) {
        return build(events, streamsProperties, stallAfter, stallCheck, updates, Optional.empty());
    }

    /**
     * The same fold, over events up to {@code asOf} only (an "as of" rebuild); with no {@code asOf}
     * it is exactly the live topology. It writes to no event topic, so a rebuild never emits.
     */
    public static Topology build(Serde<SpecificRecord> events, Properties streamsProperties, Duration stallAfter,
            Duration stallCheck, SagaUpdates updates, Optional<Instant> asOf) {
        // Counted only while this application serves saga-status (not while it is a rebuild).
        SagaMeters meters = new SagaMeters(ContextMeters.in(streamsProperties));
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(writtenBehind(SAGAS_STORE, SagaStateSerde.saga()));
        builder.addStateStore(keptIndex(CORRELATION_INDEX_STORE));
        builder.addStateStore(keptIndex(STATUS_INDEX_STORE));
        builder.addStateStore(writtenBehind(STATUS_COUNTS_STORE, Serdes.Long()).withLoggingDisabled()); // derived
        builder.addStateStore(derivedStore(STALL_INDEX_STORE, Serdes.String()));
        builder.addStateStore(writtenBehind(TRANSITIONS_STORE, SagaStateSerde.transitionStats()));
        builder.addStateStore(store(OMITTED_STEPS_STORE, SagaStateSerde.omittedStep()));

        AsOf.upTo(builder.stream(INPUT_TOPICS, Consumed.with(Serdes.String(), events).withName("saga-status-inputs")), asOf)
                .process(CommitWhenIdle.<SpecificRecord>after(COMMIT_WHEN_IDLE_FOR), Named.as("commit-when-idle"))
                .processValues(ObserveSagaEvent::new, Named.as("observe-saga-event"))
                .process(FoldSagaStep.perTask(stallAfter, stallCheck, updates, meters), Named.as("fold-saga"),
                        SAGAS_STORE, CORRELATION_INDEX_STORE, STATUS_INDEX_STORE, STATUS_COUNTS_STORE, STALL_INDEX_STORE,
                        OMITTED_STEPS_STORE)
                .process(() -> new TransitionsAndOmittedSteps(meters), Named.as("keep-transitions-and-omitted-steps"),
                        TRANSITIONS_STORE, OMITTED_STEPS_STORE);
        return builder.build(streamsProperties);
    }

    /**
     * Persistent (RocksDB) and changelogged, with Kafka Streams' record cache, which turns a key's puts
     * within a commit into one RocksDB write and one changelog record (a stall check put and deleted
     * within a saga, a count changed by several sagas).
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withCachingEnabled();
    }

    /**
     * Persistent (RocksDB) and changelogged, its values kept as objects until the task commits
     * ({@link WriteBehindStore}): a saga is written once per commit however many of its events were
     * folded (each put encoded the whole saga, a fifth of a replay's stream thread), a transition's
     * statistics and a status's count once however many sagas changed them. Without Kafka Streams' record cache beneath,
     * which would only hold the same values again as bytes until the commit and then make the stream
     * thread wait while the producer sends all of them (a fifth of a replay's time, JFR): a value
     * written early (its task has more than {@link #PENDING_PER_TASK} pending) is sent while the
     * thread goes on. Both are bounded (a saga's timeline by
     * {@link com.musiccorp.sagastatus.domain.TimelineBounds}), so encoding them at commit cannot fail on size.
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> writtenBehind(String name, Serde<V> values) {
        return WriteBehindStore.builder(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name),
                Serdes.String(), values).withCachingDisabled(), Serdes.String().serializer(), PENDING_PER_TASK);
    }

    /**
     * Keys a task keeps pending at most, the least recently put written first beyond: more than the
     * sagas of a task within a commit at several hundred orders/s; in a replay, whose sagas' events
     * lie close together, a saga is done long before it is the eldest. About 4 KB each.
     */
    static final int PENDING_PER_TASK = 512;

    /**
     * A store derived from {@code sagas-store} ({@link SagaIndexes}): not changelogged, since the step
     * rebuilds it from the sagas whenever a task starts; still RocksDB, still cached (a stall check is
     * put and deleted within a saga), and still queryable. The counts are too, but written behind.
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> derivedStore(String name, Serde<V> values) {
        return store(name, values).withLoggingDisabled();
    }

    /**
     * A derived index most of whose entries are put once and then kept: one per saga (its correlation
     * id; its status once it ends). The record cache would collapse none of those puts, and a store's
     * entries leave Kafka Streams' cache only when the same store's next put needs room, so they
     * would keep a growing share of the task's cache from {@code sagas-store}, whose writes it does
     * collapse. So RocksDB only: not changelogged, not cached.
     */
    private static StoreBuilder<KeyValueStore<String, String>> keptIndex(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.String())
                .withLoggingDisabled()
                .withCachingDisabled();
    }
}
