package com.musiccorp.platform.streams.step;

import com.musiccorp.platform.decider.Decider;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * One context's step, declared: the store its states live in, the decider, what it reads and what
 * it forwards. {@link #processor()} runs it as a Kafka Streams processor (see {@link StepProcessor}),
 * so decide → evolve → store → forward is written once for every context.
 *
 * @param <V> the value type of the records read
 * @param <I> the decider's input
 * @param <F> the decider's facts
 * @param <S> the state per key
 * @param <O> the value type of the records forwarded
 * @param calling how the outside calls its states wait for are made, or null for a step that calls nothing
 * @param storage  where its states are kept when not as one value per key in {@code store}, or null
 */
public record Step<V, I, F, S, O>(String store, Decider<I, F, S> decider, Inputs<V, I> inputs, Outputs<F, O> outputs,
                                  StateWatcher<S> watcher, Punctuations<I, S> punctuations, Calling<I, S> calling,
                                  Supplier<StateStorage<I, S>> storage) {

    public static <V, I, F, S, O> Step<V, I, F, S, O> of(String store, Decider<I, F, S> decider, Inputs<V, I> inputs,
            Outputs<F, O> outputs) {
        return new Step<>(store, decider, inputs, outputs, StateWatcher.none(), Punctuations.none(), null, null);
    }

    /** The same step, telling {@code watcher} of every state change it stores. */
    public Step<V, I, F, S, O> watchedBy(StateWatcher<S> newWatcher) {
        return new Step<>(store, decider, inputs, outputs, newWatcher, punctuations, calling, storage);
    }

    /** The same step, with work on a schedule that feeds inputs back through it. */
    public Step<V, I, F, S, O> scheduling(Punctuations<I, S> newPunctuations) {
        return new Step<>(store, decider, inputs, outputs, watcher, newPunctuations, calling, storage);
    }

    /**
     * The same step, keeping its states as {@code newStorage} says (one per processor) instead of one
     * value per key in {@link #store()}. Connect the processor to the storage's stores too.
     */
    public Step<V, I, F, S, O> storedIn(Supplier<StateStorage<I, S>> newStorage) {
        if (calling != null) {
            throw new IllegalStateException("a step that makes outside calls scans its states in its own store");
        }
        return new Step<>(store, decider, inputs, outputs, watcher, punctuations, calling, newStorage);
    }

    /**
     * The same step, making the outside calls its states wait for as soon as they are due, on virtual
     * threads (see {@link DueCalls}). Connect the processor to {@code dueStore} too.
     */
    public Step<V, I, F, S, O> calling(OutsideCalls<I, S, ?> calls, String dueStore, Duration scanEvery) {
        return calling(new Calling<>(calls, dueStore, scanEvery, Calling.VIRTUAL_THREADS));
    }

    /** The same step, making its outside calls as {@code newCalling} says (e.g. on the caller's thread, in a test). */
    public Step<V, I, F, S, O> calling(Calling<I, S> newCalling) {
        if (storage != null) {
            throw new IllegalStateException("a step that makes outside calls scans its states in its own store");
        }
        return new Step<>(store, decider, inputs, outputs, watcher, punctuations, newCalling, storage);
    }

    /**
     * A processor per task, all sharing this step's watcher and punctuations: for a step whose
     * watcher and punctuations keep nothing per task. Connect it to {@link #store()} (and the
     * watcher's stores).
     */
    public ProcessorSupplier<String, V, String, O> processor() {
        return () -> new StepProcessor<>(this);
    }

    /**
     * A processor per task, each with the step {@code steps} makes for it: for a watcher that holds
     * the task's own stores (a due-time index picks its store up in {@code init}) and punctuations
     * that scan them. One shared watcher would end up holding the store of whichever task started last.
     */
    public static <V, I, F, S, O> ProcessorSupplier<String, V, String, O> perTask(Supplier<Step<V, I, F, S, O>> steps) {
        return () -> new StepProcessor<>(steps.get());
    }
}
