package com.musiccorp.platform.streams.step;

import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * Told of every state change a step stores, in the same step, so what it keeps beside the state
 * (a due-time index, a lookup) commits in the same transaction: either restored with it from its own
 * changelog, or not logged and derived again from the restored states in {@link #init}, which runs
 * once the task's logged stores are restored (saga-status's indexes). A watcher that picks up its own
 * store in {@link #init} belongs to one task: declare the step with {@link Step#perTask}.
 */
public interface StateWatcher<S> {

    StateWatcher<Object> NONE = (key, before, after) -> {
    };

    /** Called once when the processor starts, to get its own stores. */
    default void init(ProcessingContext context) {
    }

    void changed(String key, S before, S after);

    @SuppressWarnings("unchecked")
    static <S> StateWatcher<S> none() {
        return (StateWatcher<S>) NONE;
    }
}
