package com.musiccorp.platform.streams.step;

import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * Where a step keeps a state that is better stored as several entries than as one value: a state
 * that grows with what it tracks (a SKU's holds, one per order in flight) would otherwise be read,
 * decoded, encoded and logged whole on every input, so each input would cost more the more there
 * is in flight. Such a state is read as the part {@code input} is decided on, and only what changed
 * is written. A step without one keeps each state as its key's value in {@link Step#store()}.
 */
public interface StateStorage<I, S> {

    /** Called once when the processor starts, to get its stores. */
    void init(ProcessingContext context);

    /** The state {@code input} is decided on, or null when the key has none yet. */
    S read(String key, I input);

    /** Stores {@code after} where {@link #read} gave {@code before} (or the initial state). */
    void write(String key, S before, S after);
}
