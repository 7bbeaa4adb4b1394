package com.musiccorp.sagastatus.stream;

import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.SagaStatus;
import com.musiccorp.platform.streams.step.StateWatcher;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What is kept beside each saga, derived from it: {@code correlation-index-store} (correlation id →
 * order id, so a query by correlation id finds the saga; written with the saga's first event, in the
 * same task, so never behind it), {@code saga-status-index-store}
 * ({@code STATUS|statusSince|orderId}), {@code saga-status-counts-store} (status → count) and
 * {@code saga-stall-index-store} ({@code checkAt|orderId}: when to look whether a saga that can
 * stall has stalled). As the fold step's {@link StateWatcher} it is told of every saga stored, before
 * and after, in the same task, so the indexes commit with the saga under exactly-once; each change is
 * then signalled to waiting HTTP requests ({@link SagaUpdates}). It holds its task's stores: one per task.
 *
 * <p>Counts change only when a saga's status does. The stall index costs no write per event: a saga
 * gets one entry when it becomes able to stall, due {@code stallAfter} after its progress then;
 * {@link StallChecks} moves it on to the saga's latest progress when it finds the saga progressed, and
 * drops it once the saga can no longer stall. A saga that ends within {@code stallAfter} costs one put
 * and one delete, however many events it has.
 *
 * <p>The four stores are not changelogged ({@link SagaStatusTopology}): they follow from
 * {@code sagas-store}, so their changelogs (5.5 of the ~50 records the system wrote per order) bought
 * nothing a pass over the sagas cannot give. So whenever a task starts processing ({@link #init}, which
 * Kafka Streams calls once the task's logged stores are restored) they are cleared and rebuilt from
 * its sagas. Always, not only when empty: a local copy that no changelog keeps can be stale (the task
 * was active here, moved away while others advanced its sagas, and came back; a standby never
 * updates it), and only a crash under exactly-once wipes it.
 */
final class SagaIndexes implements StateWatcher<Saga> {

    private static final Logger log = LoggerFactory.getLogger(SagaIndexes.class);

    private final SagaUpdates updates;
    private final java.time.Duration stallAfter;
    private KeyValueStore<String, String> correlationIndex;
    private KeyValueStore<String, String> statusIndex;
    private KeyValueStore<String, Long> statusCounts;
    private KeyValueStore<String, String> stallIndex;

    SagaIndexes(SagaUpdates updates, java.time.Duration stallAfter) {
        this.updates = updates;
        this.stallAfter = stallAfter;
    }

    @Override
    public void init(ProcessingContext context) {
        this.correlationIndex = context.getStateStore(SagaStatusTopology.CORRELATION_INDEX_STORE);
        this.statusIndex = context.getStateStore(SagaStatusTopology.STATUS_INDEX_STORE);
        this.statusCounts = context.getStateStore(SagaStatusTopology.STATUS_COUNTS_STORE);
        this.stallIndex = context.getStateStore(SagaStatusTopology.STALL_INDEX_STORE);
        rebuild(context.getStateStore(SagaStatusTopology.SAGAS_STORE), context.taskId());
    }

    @Override
    public void changed(String orderId, Saga before, Saga after) {
        index(before, after);
        updates.changed(after);
    }

    /** The indexes' part of a change ({@code before} null for a new saga). */
    private void index(Saga before, Saga after) {
        if (before == null || !before.correlationId().equals(after.correlationId())) {
            correlationIndex.put(after.correlationId(), after.orderId());
        }
        // Each status once: it is derived from the saga's event types on every call.
        SagaStatus was = before == null ? null : before.status();
        SagaStatus is = after.status();
        String oldStatusKey = before == null ? null : IndexKeys.status(was, before.statusSince(), before.orderId());
        String newStatusKey = IndexKeys.status(is, after.statusSince(), after.orderId());
        if (!newStatusKey.equals(oldStatusKey)) {
            if (oldStatusKey != null) {
                statusIndex.delete(oldStatusKey);
            }
            statusIndex.put(newStatusKey, after.orderId());
        }
        if (was != is) {
            if (was != null) count(was.name(), -1);
            count(is.name(), +1);
        }
        if (is.canStall() && (was == null || !was.canStall())) {
            checkStallAt(after.lastProgressAt().plus(stallAfter), after.orderId());
        }
    }

    /**
     * Empties the four stores, then indexes every saga of the task as {@link #changed} indexes a new
     * one: its correlation id, its status key, its count, and a stall check due {@code stallAfter} after its last progress
     * if it can stall (not a stalled one: {@link StallChecks} would drop its entry). That is what live
     * processing holds, except that a live stall entry may be due earlier (the saga progressed since),
     * which its check then moves here anyway. Nothing is signalled or counted: no saga changed.
     */
    private void rebuild(KeyValueStore<String, Saga> sagas, TaskId task) {
        long started = System.nanoTime();
        long cleared = clear(correlationIndex) + clear(statusIndex) + clear(statusCounts) + clear(stallIndex);
        long indexed = 0;
        try (KeyValueIterator<String, Saga> all = sagas.all()) {
            while (all.hasNext()) {
                index(null, all.next().value);
                indexed++;
            }
        }
        log.info("Rebuilt the saga indexes of task {} from {}: {} sagas in {} ms ({} entries cleared first)", task,
                SagaStatusTopology.SAGAS_STORE, indexed, (System.nanoTime() - started) / 1_000_000, cleared);
    }

    /** Deletes every entry (a store's iterator allows writes while it is open); returns how many. */
    private static long clear(KeyValueStore<String, ?> store) {
        long deleted = 0;
        try (KeyValueIterator<String, ?> all = store.all()) {
            while (all.hasNext()) {
                store.delete(all.next().key);
                deleted++;
            }
        }
        return deleted;
    }

    /** The stall-index keys due at or before {@code now}, read whole first. */
    List<String> stallChecksDueBy(Instant now) {
        String upTo = IndexKeys.time(now) + IndexKeys.SEPARATOR + IndexKeys.HIGH;
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = stallIndex.range(null, upTo)) {
            it.forEachRemaining(kv -> due.add(kv.key));
        }
        return due;
    }

    /** A stall-index entry done with: its saga was checked, can no longer stall, or is gone. */
    void forgetStall(String key) {
        stallIndex.delete(key);
    }

    /** The saga is to be looked at again at {@code at}. */
    void checkStallAt(Instant at, String orderId) {
        stallIndex.put(IndexKeys.stallCheck(at, orderId), orderId);
    }

    private void count(String status, long delta) {
        Long current = statusCounts.get(status);
        long next = (current == null ? 0 : current) + delta;
        if (next == 0) {
            statusCounts.delete(status);
        } else {
            statusCounts.put(status, next);
        }
    }
}
