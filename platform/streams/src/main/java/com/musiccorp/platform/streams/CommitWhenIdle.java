package com.musiccorp.platform.streams;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Duration;

/**
 * Passes every record on, and asks for a commit once its task has had no input for {@code quiet}
 * (wall clock). For a context that commits seldom so that its writes to one key collapse in the
 * record cache under load (saga-status, every 5 s): once its input pauses, what it processed is
 * committed at once, not up to a commit interval later. So a replay or a rebuild counts as caught up
 * as soon as it is, its lag shows what is left to process, and a restart after a quiet spell has
 * nothing to process again. Under load the input does not pause and the commit interval decides.
 */
public final class CommitWhenIdle<V> implements Processor<String, V, String, V> {

    private final long quietMs;
    private ProcessorContext<String, V> context;
    private long lastInputAt;
    private boolean uncommitted;

    private CommitWhenIdle(Duration quiet) {
        this.quietMs = quiet.toMillis();
    }

    public static <V> ProcessorSupplier<String, V, String, V> after(Duration quiet) {
        return () -> new CommitWhenIdle<>(quiet);
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        context.schedule(Duration.ofMillis(Math.max(1, quietMs / 4)), PunctuationType.WALL_CLOCK_TIME, this::commitIfQuiet);
    }

    @Override
    public void process(Record<String, V> record) {
        lastInputAt = context.currentSystemTimeMs();
        uncommitted = true;
        context.forward(record);
    }

    private void commitIfQuiet(long now) {
        if (uncommitted && now - lastInputAt >= quietMs) {
            context.commit(); // a request: Streams commits the thread's tasks once this round is done
            uncommitted = false;
        }
    }
}
