package com.musiccorp.platform.streams.step;

import java.util.Optional;

/**
 * What a step reacts to on its input topics: the domain input a record stands for, and the key of
 * the state it is decided against (which must be the record's key: a state lives in its key's partition).
 *
 * @param <V> the records' value type
 * @param <I> the decider's input
 */
public interface Inputs<V, I> {

    /** The input, or empty for a record of a type this context has no concern with. */
    Optional<I> read(V value);

    /** The key of the state the input is decided against. */
    String keyOf(I input);
}
