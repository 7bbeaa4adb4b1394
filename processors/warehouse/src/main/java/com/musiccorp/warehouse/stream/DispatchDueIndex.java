package com.musiccorp.warehouse.stream;

import com.musiccorp.platform.streams.DueTimeIndex;
import com.musiccorp.platform.streams.step.StateWatcher;
import com.musiccorp.warehouse.domain.DispatchRequest;
import com.musiccorp.warehouse.domain.OrderFulfilment;
import com.musiccorp.warehouse.domain.OrderFulfilmentDecider;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The orders waiting for a dispatch attempt, by due time, in {@code dispatch-due-store}: key
 * {@code <due epoch millis, zero-padded to 19 digits>|<order id>}, value the order id (the format and
 * scan are {@link DueTimeIndex}'s). Keys sort by due time, so the punctuator range-scans only what is
 * due instead of every fulfilment.
 *
 * <p>It is derived from {@code fulfilment-store}: as the order step's {@link StateWatcher} it is told
 * of every state the step stores, in the same task (and so the same transaction), so an entry exists
 * exactly while {@link OrderFulfilmentDecider#pendingDispatch} is present. When dispatch succeeds,
 * fails finally or the order is cancelled, the pending attempt disappears and with it the entry.
 *
 * <p>It holds its task's store, so each task's processor needs its own instance.
 */
final class DispatchDueIndex implements StateWatcher<OrderFulfilment> {

    private DueTimeIndex index;

    /** The index of the task {@code context} belongs to. */
    static DispatchDueIndex of(ProcessingContext context) {
        DispatchDueIndex index = new DispatchDueIndex();
        index.init(context);
        return index;
    }

    @Override
    public void init(ProcessingContext context) {
        index = new DueTimeIndex(context.getStateStore(WarehouseTopology.DISPATCH_DUE_STORE));
    }

    /** Moves the order's entry from the attempt it was waiting for to the one it waits for now. */
    @Override
    public void changed(String orderId, OrderFulfilment before, OrderFulfilment after) {
        index.move(keyOf(orderId, before), keyOf(orderId, after), orderId);
    }

    /**
     * Every entry due at or before {@code now}, earliest first: (index key, order id). Unbounded, as
     * the warehouse has always booked every due attempt in one round.
     */
    List<KeyValue<String, String>> dueAt(Instant now) {
        return index.dueAt(now, Integer.MAX_VALUE);
    }

    /** An entry whose order no longer waits for that attempt (cannot normally happen; never booked). */
    void forget(String key) {
        index.forget(key);
    }

    static Optional<String> keyOf(String orderId, OrderFulfilment state) {
        return state == null ? Optional.empty()
                : OrderFulfilmentDecider.pendingDispatch(state).map(request -> key(request.dueAt(), orderId));
    }

    static String key(DispatchRequest request) {
        return key(request.dueAt(), request.orderId());
    }

    static String key(Instant dueAt, String orderId) {
        return DueTimeIndex.key(dueAt, orderId);
    }
}
