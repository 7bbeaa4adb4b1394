package com.musiccorp.platform.streams.step;

import java.util.List;
import java.util.Optional;

/**
 * The calls a step's states wait for, to one outside system (a payment gateway, a carrier, a
 * mailer), and how to make one. The step runs them with {@link DueCalls}: as soon as a call is due,
 * off the stream thread, many at once, and the answer is decided through the same step like any
 * input, under the same exactly-once transaction as what it leads to.
 *
 * <p>Exactly-once towards the outside world rests on the intent: a call is only ever made for a
 * {@link PendingCall} a state records, always with the same idempotency key, so a call repeated
 * after a crash (its answer lost, or its intent not yet committed and decided again from the same
 * input) is recognised by the outside system instead of being done twice.
 *
 * @param <I> the step's input, of which an answer is one
 * @param <S> the state per key
 * @param <C> what one call sends
 */
public interface OutsideCalls<I, S, C> {

    /** The outside system's name, for logs and metrics: {@code payment-gateway}, {@code carrier}, {@code mailer}. */
    String system();

    /**
     * What came back, from a small closed set (never an id), for {@code musiccorp_outside_calls_total}:
     * e.g. {@code charge-approved}, {@code no-capacity}. See {@link #kind}.
     */
    default String outcomeOf(I answer) {
        return "answered";
    }

    /** A sealed outcome's kind as a metric value: {@code NoCapacity} → {@code no-capacity}. */
    static String kind(Object outcome) {
        return outcome.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The saga {@code call} serves (its correlation id): the log lines written while it runs carry
     * it, as those of the step's decisions do, so one order's calls are found with its events.
     */
    String correlationIdOf(C call);

    /** The calls {@code state} waits for, in the order they are to be made; one at a time per key. */
    List<PendingCall<C>> pending(S state);

    /**
     * Makes the call and gives its answer as an input of the step, stamped with the time it came.
     * Runs on a caller thread, never the stream thread, and may block up to the outside system's
     * timeout. Empty, or an exception, when there is no answer to decide on: the call is made again
     * at the next scan while its intent is pending.
     *
     * @param key the key of the state that waits for it
     */
    Optional<I> call(String key, C call);
}
