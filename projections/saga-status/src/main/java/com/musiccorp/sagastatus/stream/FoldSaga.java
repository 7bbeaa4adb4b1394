package com.musiccorp.sagastatus.stream;

import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.SagaEvent;
import com.musiccorp.sagastatus.domain.SagaProjection;
import com.musiccorp.sagastatus.domain.Transition;
import com.musiccorp.sagastatus.domain.TransitionStats;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The correlation-id side: folds each event into its saga ({@code sagas-store}) and keeps the
 * indexes in step (status index and counts, stall index, transition statistics, the steps left out
 * of its bounded timeline), all in the same
 * task, so they commit with the saga under exactly-once. A wall-clock punctuator flags sagas that
 * stopped progressing, range-scanning only the part of the stall index that is due.
 */
final class FoldSaga implements Processor<String, SagaEvent, Void, Void> {

    private final Duration stallAfter;
    private final Duration stallCheckInterval;
    private final SagaUpdates updates;

    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, Saga> sagas;
    private KeyValueStore<String, String> statusIndex;
    private KeyValueStore<String, Long> statusCounts;
    private KeyValueStore<String, String> stallIndex;
    private KeyValueStore<String, TransitionStats> transitions;
    private StoreOmittedSteps omitted;

    FoldSaga(Duration stallAfter, Duration stallCheckInterval, SagaUpdates updates) {
        this.stallAfter = stallAfter;
        this.stallCheckInterval = stallCheckInterval;
        this.updates = updates;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.sagas = context.getStateStore(SagaStatusTopology.SAGAS_STORE);
        this.statusIndex = context.getStateStore(SagaStatusTopology.STATUS_INDEX_STORE);
        this.statusCounts = context.getStateStore(SagaStatusTopology.STATUS_COUNTS_STORE);
        this.stallIndex = context.getStateStore(SagaStatusTopology.STALL_INDEX_STORE);
        this.transitions = context.getStateStore(SagaStatusTopology.TRANSITIONS_STORE);
        this.omitted = new StoreOmittedSteps(context.getStateStore(SagaStatusTopology.OMITTED_STEPS_STORE));
        context.schedule(stallCheckInterval, PunctuationType.WALL_CLOCK_TIME, now -> flagStalled(Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(Record<String, SagaEvent> record) {
        SagaEvent event = record.value();
        if (event == null) {
            return;
        }
        if (!event.correlationId().equals(record.key())) {
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the event's correlation id '"
                    + event.correlationId() + "'");
        }
        Saga before = sagas.get(record.key());
        SagaProjection.Folded folded = SagaProjection.fold(before, event,
                Instant.ofEpochMilli(context.currentSystemTimeMs()), omitted);
        if (!folded.changed()) {
            return; // a redelivery: already folded
        }
        if (folded.omitted() != null) {
            omitted.add(event.correlationId(), folded.omitted());
        }
        store(before, folded.saga());
        for (Transition t : folded.transitions()) {
            TransitionStats stats = transitions.get(t.key());
            transitions.put(t.key(), (stats == null ? TransitionStats.empty(t.from(), t.to()) : stats)
                    .record(t.latencyMillis()));
        }
    }

    /** Every saga whose last progress is at least {@code stallAfter} ago becomes STALLED. */
    private void flagStalled(Instant now) {
        String upTo = IndexKeys.time(now.minus(stallAfter)) + IndexKeys.SEPARATOR + IndexKeys.HIGH;
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = stallIndex.range(null, upTo)) {
            it.forEachRemaining(kv -> due.add(kv.key));
        }
        for (String key : due) {
            Saga saga = sagas.get(IndexKeys.correlationIdOf(key));
            if (saga == null) {
                stallIndex.delete(key);
                continue;
            }
            Saga checked = SagaProjection.checkStall(saga, now, stallAfter);
            if (checked != saga) {
                store(saga, checked);
            } else if (!IndexKeys.stall(saga).equals(key) || !saga.status().canStall()) {
                stallIndex.delete(key); // stale entry
            }
        }
    }

    private void store(Saga before, Saga after) {
        sagas.put(after.correlationId(), after);
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
