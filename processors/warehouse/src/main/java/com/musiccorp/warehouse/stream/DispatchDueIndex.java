package com.musiccorp.warehouse.stream;

import com.musiccorp.warehouse.domain.DispatchRequest;
import com.musiccorp.warehouse.domain.OrderFulfilment;
import com.musiccorp.warehouse.domain.OrderFulfilmentDecider;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The orders waiting for a dispatch attempt, by due time, in {@code dispatch-due-store}: key
 * {@code <due epoch millis, zero-padded to 19 digits>|<order id>}, value the order id. Keys sort by
 * due time, so the punctuator range-scans only what is due instead of every fulfilment.
 *
 * <p>It is derived from {@code fulfilment-store}: whoever writes an order's state calls
 * {@link #follow} with the state before and after, in the same task (and so the same transaction),
 * so an entry exists exactly while {@link OrderFulfilmentDecider#pendingDispatch} is present. When
 * dispatch succeeds, fails finally or the order is cancelled, the pending attempt disappears and
 * with it the entry.
 */
final class DispatchDueIndex {

    private final KeyValueStore<String, String> store;

    DispatchDueIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    /** Moves the order's entry from the attempt it was waiting for to the one it waits for now. */
    void follow(String orderId, OrderFulfilment before, OrderFulfilment after) {
        Optional<String> was = keyOf(orderId, before);
        Optional<String> is = keyOf(orderId, after);
        if (was.equals(is)) {
            return;
        }
        was.ifPresent(store::delete);
        is.ifPresent(key -> store.put(key, orderId));
    }

    /** Entries due at or before {@code now}, earliest first: (index key, order id). */
    List<KeyValue<String, String>> dueAt(Instant now) {
        var due = new ArrayList<KeyValue<String, String>>();
        // Inclusive bounds; "<now+1>" alone (no "|") sorts after every key due at now and before any later one.
        try (KeyValueIterator<String, String> entries = store.range(null, padded(now.toEpochMilli() + 1))) {
            entries.forEachRemaining(due::add);
        }
        return due;
    }

    /** An entry whose order no longer waits for that attempt (cannot normally happen; never booked). */
    void forget(String key) {
        store.delete(key);
    }

    static Optional<String> keyOf(String orderId, OrderFulfilment state) {
        return state == null ? Optional.empty()
                : OrderFulfilmentDecider.pendingDispatch(state).map(request -> key(request.dueAt(), orderId));
    }

    static String key(DispatchRequest request) {
        return key(request.dueAt(), request.orderId());
    }

    static String key(Instant dueAt, String orderId) {
        return padded(dueAt.toEpochMilli()) + "|" + orderId;
    }

    private static String padded(long epochMillis) {
        return String.format("%019d", Math.max(0, epochMillis));
    }
}
