package com.musiccorp.sagastatus.stream;

import com.musiccorp.sagastatus.domain.Saga;
import com.musiccorp.sagastatus.domain.SagaInput;
import com.musiccorp.platform.streams.step.Punctuations;
import com.musiccorp.platform.streams.step.Steps;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;

/**
 * Every {@code stallCheck} of wall-clock time, the stall-index entries that are due (a range scan,
 * only what is due) are looked at: a saga whose last progress is at least {@code stallAfter} ago is
 * checked through the fold step, which flags it STALLED; one that progressed since its entry was
 * written gets a new entry at its latest progress plus {@code stallAfter}; a saga that can no longer
 * stall (at rest, waiting for a person, stalled already) loses its entry. Progress itself writes
 * nothing here (see {@link SagaIndexes}).
 */
final class StallChecks implements Punctuations<SagaInput, Saga> {

    private final Duration stallAfter;
    private final Duration stallCheck;
    private final SagaIndexes indexes;

    StallChecks(Duration stallAfter, Duration stallCheck, SagaIndexes indexes) {
        this.stallAfter = stallAfter;
        this.stallCheck = stallCheck;
        this.indexes = indexes;
    }

    @Override
    public void schedule(ProcessingContext context, KeyValueStore<String, Saga> sagas, Steps<SagaInput, Saga> steps) {
        context.schedule(stallCheck, PunctuationType.WALL_CLOCK_TIME, now -> check(Instant.ofEpochMilli(now), sagas, steps));
    }

    private void check(Instant now, KeyValueStore<String, Saga> sagas, Steps<SagaInput, Saga> steps) {
        for (String key : indexes.stallChecksDueBy(now)) {
            String orderId = IndexKeys.sagaKeyOf(key);
            indexes.forgetStall(key);
            Saga saga = sagas.get(orderId);
            if (saga == null || saga.stalledSince() != null || !saga.status().canStall()) {
                continue;
            }
            Instant due = saga.lastProgressAt().plus(stallAfter);
            if (now.isBefore(due)) {
                indexes.checkStallAt(due, orderId); // it progressed since: look again then
            } else {
                steps.apply(orderId, new SagaInput.StallCheck(orderId)); // decided at the step's wall clock
            }
        }
    }
}
