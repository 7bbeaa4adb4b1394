package com.musiccorp.platform.streams.step;

import org.apache.kafka.streams.processor.api.ProcessingContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The states a task's step store last held for its most recently used keys, decoded. A step reads
 * its key's state before every decision, and decoding it from the store's bytes was a third of a
 * stream thread's time (JFR); Kafka Streams' record cache keeps bytes, not objects.
 *
 * <p>Write-through, so an entry is always the store's value: only steps write a step store, and
 * they {@link #put} here right after the store took the value. States are immutable. Shared by the
 * task's processors on one store (the warehouse has two steps on its fulfilment store), and emptied
 * whenever one of them initialises: Kafka Streams re-initialises a task's processors after an
 * aborted transaction, once it has wiped and restored the stores, so nothing uncommitted survives here.
 */
final class DecodedStates<S> {

    /** Keys kept per task and store: more than a task's sagas in flight at several hundred orders/s. */
    static final int PER_TASK = 256;

    private static final Map<String, DecodedStates<?>> BY_TASK = new ConcurrentHashMap<>();

    private final String name;
    private final Map<String, S> recent = new LinkedHashMap<>(PER_TASK * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, S> eldest) {
            return size() > PER_TASK;
        }
    };
    private int members;

    private DecodedStates(String name) {
        this.name = name;
    }

    /** The task's instance for {@code store}, emptied; each joining processor must {@link #leave} when it closes. */
    @SuppressWarnings("unchecked")
    static synchronized <S> DecodedStates<S> join(ProcessingContext context, String store) {
        String name = context.applicationId() + "/" + context.taskId() + "/" + store;
        DecodedStates<S> states = (DecodedStates<S>) BY_TASK.computeIfAbsent(name, DecodedStates::new);
        states.members++;
        states.recent.clear();
        return states;
    }

    void leave() {
        synchronized (DecodedStates.class) {
            recent.clear();
            if (--members <= 0) BY_TASK.remove(name, this);
        }
    }

    /** The key's state: kept, or read from the store (null when it has none). */
    S get(String key, Function<String, S> store) {
        S state = recent.get(key);
        if (state == null) {
            state = store.apply(key);
            if (state != null) recent.put(key, state);
        }
        return state;
    }

    /** The store now holds {@code state} for {@code key}. */
    void put(String key, S state) {
        recent.put(key, state);
    }
}
