package com.musiccorp.platform.streams.step;

import java.util.Optional;
import java.util.function.Function;

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

    /** From the context's own adapter and key, e.g. {@code Inputs.of(PaymentInput::fromEvent, PaymentInput::orderId)}. */
    static <V, I> Inputs<V, I> of(Function<? super V, Optional<I>> read, Function<? super I, String> keyOf) {
        return new Inputs<>() {
            @Override
            public Optional<I> read(V value) {
                return read.apply(value);
            }

            @Override
            public String keyOf(I input) {
                return keyOf.apply(input);
            }
        };
    }
}
