package com.musiccorp.sagastatus.stream;

import com.musiccorp.sagastatus.domain.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Signals a saga's changes from the Streams processor to HTTP requests waiting in this process
 * (long-polls and event streams). Listeners run on this hub's own thread, so the stream thread
 * only enqueues and never does HTTP work.
 *
 * <p>Under exactly-once a change is signalled when it is written to the store, before its
 * transaction commits (interactive queries show the same uncommitted state).
 */
public final class SagaUpdates implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SagaUpdates.class);

    private final Map<String, List<Consumer<Saga>>> listeners = new ConcurrentHashMap<>();
    private final List<Consumer<Saga>> everyChange = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatch = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("saga-updates").factory());

    /** Calls {@code listener} with each later change of the saga until the returned handle is closed. */
    public Subscription subscribe(String correlationId, Consumer<Saga> listener) {
        return listen(correlationId, listener);
    }

    /** The same, for the saga of order {@code orderId}. */
    public Subscription subscribeByOrder(String orderId, Consumer<Saga> listener) {
        return listen(BY_ORDER + orderId, listener);
    }

    /** Order ids and correlation ids are both identifiers: the order's listeners are kept under a prefix. */
    private static final String BY_ORDER = "order\u0000";

    private Subscription listen(String correlationId, Consumer<Saga> listener) {
        listeners.computeIfAbsent(correlationId, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.computeIfPresent(correlationId, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    /**
     * Calls {@code observer} with every change, on the stream thread, before the change is visible
     * to any query: for what must never show an older state than the store (a cache of views).
     * It must be quick and must not block.
     */
    public void observeEveryChange(Consumer<Saga> observer) {
        everyChange.add(observer);
    }

    /** Called by the processor after it stored the saga's new state. */
    void changed(Saga saga) {
        everyChange.forEach(observer -> observer.accept(saga));
        String byOrder = BY_ORDER + saga.orderId();
        if (!listeners.containsKey(saga.correlationId()) && !listeners.containsKey(byOrder)) {
            return;
        }
        dispatch.execute(() -> {
            List<Consumer<Saga>> waiting = new java.util.ArrayList<>(listeners.getOrDefault(saga.correlationId(), List.of()));
            waiting.addAll(listeners.getOrDefault(byOrder, List.of()));
            for (Consumer<Saga> listener : waiting) {
                try {
                    listener.accept(saga);
                } catch (RuntimeException e) {
                    log.warn("A listener of saga {} failed", saga.correlationId(), e);
                }
            }
        });
    }

    @Override
    public void close() {
        dispatch.shutdownNow();
    }

    /** Ends a subscription; closing twice is harmless. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
