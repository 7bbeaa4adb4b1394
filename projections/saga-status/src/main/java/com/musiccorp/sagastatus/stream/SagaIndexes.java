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
 * ({@code STATUS|updatedAt|correlationId}), {@code saga-status-counts-store} (status → count) and
 * {@code saga-stall-index-store} ({@code lastProgressAt|correlationId}, only sagas that can stall).
 * As the fold step's {@link StateWatcher} it is told of every saga stored, before and after, in the
 * same task, so the indexes commit with the saga under exactly-once; each change is then signalled to
 * waiting HTTP requests ({@link SagaUpdates}). It holds its task's stores: one per task.
 */
final class SagaIndexes implements StateWatcher<Saga> {

    private final SagaUpdates updates;
    private KeyValueStore<String, String> statusIndex;
    private KeyValueStore<String, Long> statusCounts;
    private KeyValueStore<String, String> stallIndex;

    SagaIndexes(SagaUpdates updates) {
        this.updates = updates;
    }

    @Override
    public void init(ProcessingContext context) {
        this.statusIndex = context.getStateStore(SagaStatusTopology.STATUS_INDEX_STORE);
        this.statusCounts = context.getStateStore(SagaStatusTopology.STATUS_COUNTS_STORE);
        this.stallIndex = context.getStateStore(SagaStatusTopology.STALL_INDEX_STORE);
    }

    @Override
    public void changed(String correlationId, Saga before, Saga after) {
        String oldStatusKey = before == null ? null : IndexKeys.status(before);
        String newStatusKey = IndexKeys.status(after);
        if (!newStatusKey.equals(oldStatusKey)) {
            if (oldStatusKey != null) {
                statusIndex.delete(oldStatusKey);
                count(before.status().name(), -1);
            }
            statusIndex.put(newStatusKey, after.correlationId());
            count(after.status().name(), +1);
        }
        if (before != null) {
            stallIndex.delete(IndexKeys.stall(before));
        }
        if (after.status().canStall()) {
            stallIndex.put(IndexKeys.stall(after), after.correlationId());
        }
        updates.changed(after);
    }

    /** The stall-index keys of sagas whose last progress is at or before {@code progressedBy}, read whole first. */
    List<String> lastProgressedBy(Instant progressedBy) {
        String upTo = IndexKeys.time(progressedBy) + IndexKeys.SEPARATOR + IndexKeys.HIGH;
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = stallIndex.range(null, upTo)) {
            it.forEachRemaining(kv -> due.add(kv.key));
        }
        return due;
    }

    /** A stall-index entry no saga stands behind any more (its saga moved on, or is gone). */
    void forgetStall(String key) {
        stallIndex.delete(key);
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
