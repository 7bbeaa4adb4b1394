package com.musiccorp.platform.streams.step;

import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What a step does on a schedule, beside reacting to records: e.g. execute the due calls to an
 * outside system and feed each answer back through {@link Steps}, under the same exactly-once step.
 */
@FunctionalInterface
public interface Punctuations<I, S> {

    Punctuations<Object, Object> NONE = (context, store, steps) -> {
    };

    /** Called once when the processor starts; schedules with {@code context.schedule}. */
    void schedule(ProcessingContext context, KeyValueStore<String, S> store, Steps<I, S> steps);

    @SuppressWarnings("unchecked")
    static <I, S> Punctuations<I, S> none() {
        return (Punctuations<I, S>) (Punctuations<?, ?>) NONE;
    }
}
