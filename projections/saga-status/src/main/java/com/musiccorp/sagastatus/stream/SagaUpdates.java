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
    private final Map<String, List<Consumer<String>>> indexListeners = new ConcurrentHashMap<>();
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

    /**
     * Calls {@code listener} with the saga's order id when the correlation index learns it. The index
     * follows the saga's first event by up to a commit (it is fed through a repartition topic), so a
     * request by correlation id can find no saga while its order's saga is already stored.
     */
    public Subscription subscribeIndexed(String correlationId, Consumer<String> listener) {
        return listen(indexListeners, correlationId, listener);
    }

    private Subscription listen(String correlationId, Consumer<Saga> listener) {
        return listen(listeners, correlationId, listener);
    }

    private static <T> Subscription listen(Map<String, List<Consumer<T>>> byKey, String key, Consumer<T> listener) {
        byKey.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> byKey.computeIfPresent(key, (k, list) -> {
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
            tell(waiting, saga, saga.correlationId());
        });
    }

    /** Called by the correlation index after it stored a saga's order id. */
    void indexed(String correlationId, String orderId) {
        if (!indexListeners.containsKey(correlationId)) {
            return;
        }
        dispatch.execute(() -> tell(indexListeners.getOrDefault(correlationId, List.of()), orderId, correlationId));
    }

    private static <T> void tell(List<Consumer<T>> waiting, T news, String correlationId) {
        for (Consumer<T> listener : waiting) {
            try {
                listener.accept(news);
            } catch (RuntimeException e) {
                log.warn("A listener of saga {} failed", correlationId, e);
            }
        }
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
