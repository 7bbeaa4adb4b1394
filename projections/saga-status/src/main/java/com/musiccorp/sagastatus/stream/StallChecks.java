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
 * Every {@code stallCheck} of wall-clock time, each saga whose last progress is at least
 * {@code stallAfter} ago (a range scan of the stall index, only what is due) is checked through the
 * fold step, which flags it STALLED; the step's watcher then takes it out of the stall index.
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
        for (String key : indexes.lastProgressedBy(now.minus(stallAfter))) {
            String correlationId = IndexKeys.correlationIdOf(key);
            Saga saga = sagas.get(correlationId);
            if (saga == null) {
                indexes.forgetStall(key);
                continue;
            }
            Saga checked = steps.apply(correlationId, new SagaInput.StallCheck(correlationId, now));
            if (checked.equals(saga) && (!IndexKeys.stall(saga).equals(key) || !saga.status().canStall())) {
                indexes.forgetStall(key); // stale entry
            }
        }
    }
}
