package com.musiccorp.sagastatus.stream;

import com.musiccorp.events.OrderPlaced;
import com.musiccorp.sagastatus.domain.Events;
import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.SagaProjection;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SagaIndexes} on in-memory stores: what a saga's changes write to the derived stores, and
 * that the rebuild a task start runs gives what live processing holds.
 */
class SagaIndexesTest {

    static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    static final Duration STALL_AFTER = Duration.ofSeconds(30);

    MockProcessorContext<Object, Object> context;
    KeyValueStore<String, Saga> sagas;
    SagaUpdates updates;
    List<Saga> signalled;
    /** Every put and delete of the derived stores, as {@code store put|delete key}. */
    List<String> writes;

    @BeforeEach
    void start() {
        context = new MockProcessorContext<>();
        sagas = store(SagaStatusTopology.SAGAS_STORE, SagaStateSerde.saga());
        context.addStateStore(sagas);
        writes = new CopyOnWriteArrayList<>();
        context.addStateStore(recording(store(SagaStatusTopology.CORRELATION_INDEX_STORE, Serdes.String())));
        context.addStateStore(recording(store(SagaStatusTopology.STATUS_INDEX_STORE, Serdes.String())));
        context.addStateStore(recording(store(SagaStatusTopology.STATUS_COUNTS_STORE, Serdes.Long())));
        context.addStateStore(recording(store(SagaStatusTopology.STALL_INDEX_STORE, Serdes.String())));
        updates = new SagaUpdates();
        signalled = new CopyOnWriteArrayList<>();
        updates.observeEveryChange(signalled::add);
    }

    @AfterEach
    void stop() {
        updates.close();
    }

    @Test
    void aSagaMovesTheStatusIndexAndCountsOnlyWhenItsStatusChangesAndTheStallIndexOnce() {
        SagaIndexes indexes = started();
        List<Saga> versions = versions(Events.forOrder("order-quiet").happyPath());
        for (int i = 0; i < versions.size(); i++) {
            store(indexes, i == 0 ? null : versions.get(i - 1), versions.get(i));
        }

        assertThat(versions).hasSizeGreaterThan(6);
        assertThat(writesTo(SagaStatusTopology.CORRELATION_INDEX_STORE)).as("once, when it began")
                .containsExactly("put " + versions.getFirst().correlationId());
        assertThat(writesTo(SagaStatusTopology.STATUS_INDEX_STORE)).as("put when it began; moved once, when it completed")
                .containsExactly("put IN_PROGRESS", "delete IN_PROGRESS", "put COMPLETED");
        assertThat(writesTo(SagaStatusTopology.STATUS_COUNTS_STORE)).as("IN_PROGRESS +1, then -1 (gone) and COMPLETED +1")
                .containsExactly("put IN_PROGRESS", "delete IN_PROGRESS", "put COMPLETED");
        assertThat(writesTo(SagaStatusTopology.STALL_INDEX_STORE)).as("one entry when the saga began; progress moves nothing")
                .hasSize(1).allSatisfy(w -> assertThat(w).startsWith("put "));
        assertThat(signalled).hasSize(versions.size());
    }

    @Test
    void aTaskStartReplacesWhateverTheDerivedStoresHeldByTheSagasIndexesAndSignalsNothing() {
        SagaIndexes live = started();
        Events done = Events.forOrder("done");
        Events waiting = Events.forOrder("waiting");
        Events stuck = Events.forOrder("stuck");
        List<Saga> doneVersions = versions(done.happyPath());
        for (int i = 0; i < doneVersions.size(); i++) {
            store(live, i == 0 ? null : doneVersions.get(i - 1), doneVersions.get(i));
        }
        OrderPlaced placed = waiting.placed();
        List<Saga> waitingVersions = versions(List.of(placed, waiting.reserved(placed)));
        store(live, null, waitingVersions.get(0));
        store(live, waitingVersions.get(0), waitingVersions.get(1));
        Saga stuckInProgress = versions(List.of(stuck.placed())).getFirst();
        store(live, null, stuckInProgress);
        // What StallChecks does when the entry is due: drops it, then flags the saga through the step.
        live.stallChecksDueBy(stuckInProgress.lastProgressAt().plus(STALL_AFTER)).stream()
                .filter(key -> IndexKeys.sagaKeyOf(key).equals(stuck.orderId)).forEach(live::forgetStall);
        Saga stalled = SagaProjection.checkStall(stuckInProgress, T0.plus(Duration.ofHours(1)), STALL_AFTER);
        store(live, stuckInProgress, stalled);
        Map<String, Object> statusIndex = contents(SagaStatusTopology.STATUS_INDEX_STORE);
        Map<String, Object> correlations = contents(SagaStatusTopology.CORRELATION_INDEX_STORE);
        assertThat(correlations).containsOnlyKeys(doneVersions.getFirst().correlationId(),
                waitingVersions.getFirst().correlationId(), stuckInProgress.correlationId());
        Map<String, Object> counts = contents(SagaStatusTopology.STATUS_COUNTS_STORE);
        // Live, the completed saga keeps its entry until it is due (its check then drops it), and the
        // waiting one's is due after its first event (its check then moves it on to its last progress):
        // a rebuild writes what those checks would leave.
        Map<String, Object> stallChecks = new TreeMap<>();
        contents(SagaStatusTopology.STALL_INDEX_STORE).values().stream().map(orderId -> sagas.get((String) orderId))
                .filter(saga -> saga.status().canStall()).forEach(saga -> stallChecks.put(
                        IndexKeys.stallCheck(saga.lastProgressAt().plus(STALL_AFTER), saga.orderId()), saga.orderId()));
        assertThat(stallChecks).as("only the saga that can stall").containsOnlyKeys(
                IndexKeys.stallCheck(waitingVersions.get(1).lastProgressAt().plus(STALL_AFTER), waiting.orderId));
        // Stale: what another instance's progress left behind here, and an entry of no saga at all.
        this.<String>derived(SagaStatusTopology.STATUS_INDEX_STORE).put(IndexKeys.status(stuckInProgress), stuck.orderId);
        this.<String>derived(SagaStatusTopology.STATUS_INDEX_STORE).put("IN_PROGRESS|00000000000000000001|gone", "gone");
        this.<Long>derived(SagaStatusTopology.STATUS_COUNTS_STORE).put("IN_PROGRESS", 7L);
        this.<String>derived(SagaStatusTopology.STALL_INDEX_STORE).put(IndexKeys.stallCheck(T0, "gone"), "gone");
        this.<String>derived(SagaStatusTopology.CORRELATION_INDEX_STORE).put("correlation-of-no-saga", "gone");
        signalled.clear();

        started(); // the task starts again (here: the same stores, stale)

        assertThat(contents(SagaStatusTopology.STATUS_INDEX_STORE)).isEqualTo(statusIndex);
        assertThat(contents(SagaStatusTopology.CORRELATION_INDEX_STORE)).isEqualTo(correlations);
        assertThat(contents(SagaStatusTopology.STATUS_COUNTS_STORE)).isEqualTo(counts)
                .isEqualTo(Map.of("COMPLETED", 1L, "IN_PROGRESS", 1L, "STALLED", 1L));
        assertThat(contents(SagaStatusTopology.STALL_INDEX_STORE)).isEqualTo(stallChecks);
        assertThat(signalled).as("no saga changed").isEmpty();
    }

    /** A new watcher of the task, as the step makes one, initialised: it rebuilds the indexes. */
    private SagaIndexes started() {
        SagaIndexes indexes = new SagaIndexes(updates, STALL_AFTER);
        indexes.init(context);
        return indexes;
    }

    /** What the step does with a changed saga: stores it, then tells its watcher. */
    private void store(SagaIndexes indexes, Saga before, Saga after) {
        sagas.put(after.orderId(), after);
        indexes.changed(after.orderId(), before, after);
    }

    /** The saga after each event, folded one second apart. */
    private static List<Saga> versions(List<SpecificRecord> events) {
        List<Saga> versions = new ArrayList<>();
        Saga saga = null;
        for (int i = 0; i < events.size(); i++) {
            saga = SagaProjection.fold(saga, Events.read(events.get(i)), T0.plusSeconds(i)).saga();
            versions.add(saga);
        }
        return versions;
    }

    /** The writes to {@code store}, as {@code put|delete STATUS} (the first part of the key). */
    private List<String> writesTo(String store) {
        return writes.stream().filter(w -> w.startsWith(store + " "))
                .map(w -> w.substring(store.length() + 1).split("\\|")[0]).toList();
    }

    private <V> KeyValueStore<String, V> derived(String name) {
        return context.getStateStore(name);
    }

    private Map<String, Object> contents(String name) {
        Map<String, Object> all = new TreeMap<>();
        try (KeyValueIterator<String, Object> it = this.<Object>derived(name).all()) {
            it.forEachRemaining((KeyValue<String, Object> kv) -> all.put(kv.key, kv.value));
        }
        return all;
    }

    private <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), values).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    /** {@code store} that notes each put and delete in {@link #writes}. */
    @SuppressWarnings("unchecked")
    private <V> KeyValueStore<String, V> recording(KeyValueStore<String, V> store) {
        return (KeyValueStore<String, V>) Proxy.newProxyInstance(KeyValueStore.class.getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("put") || method.getName().equals("delete")) {
                        writes.add(store.name() + " " + method.getName() + " " + args[0]);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
