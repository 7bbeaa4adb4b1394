package com.musiccorp.sagastatus.stream;

import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.platform.streams.step.StateWatcher;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What is kept beside each saga, derived from it: {@code saga-status-index-store}
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
 */
final class SagaIndexes implements StateWatcher<Saga> {

    private final SagaUpdates updates;
    private final java.time.Duration stallAfter;
    private KeyValueStore<String, String> statusIndex;
    private KeyValueStore<String, Long> statusCounts;
    private KeyValueStore<String, String> stallIndex;

    SagaIndexes(SagaUpdates updates, java.time.Duration stallAfter) {
        this.updates = updates;
        this.stallAfter = stallAfter;
    }

    @Override
    public void init(ProcessingContext context) {
        this.statusIndex = context.getStateStore(SagaStatusTopology.STATUS_INDEX_STORE);
        this.statusCounts = context.getStateStore(SagaStatusTopology.STATUS_COUNTS_STORE);
        this.stallIndex = context.getStateStore(SagaStatusTopology.STALL_INDEX_STORE);
    }

    @Override
    public void changed(String orderId, Saga before, Saga after) {
        String oldStatusKey = before == null ? null : IndexKeys.status(before);
        String newStatusKey = IndexKeys.status(after);
        if (!newStatusKey.equals(oldStatusKey)) {
            if (oldStatusKey != null) {
                statusIndex.delete(oldStatusKey);
            }
            statusIndex.put(newStatusKey, after.orderId());
        }
        if (before == null || before.status() != after.status()) {
            if (before != null) count(before.status().name(), -1);
            count(after.status().name(), +1);
        }
        if (after.status().canStall() && (before == null || !before.status().canStall())) {
            checkStallAt(after.lastProgressAt().plus(stallAfter), after.orderId());
        }
        updates.changed(after);
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
