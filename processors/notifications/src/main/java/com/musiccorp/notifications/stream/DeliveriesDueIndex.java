package com.musiccorp.notifications.stream;

import com.musiccorp.notifications.domain.Delivery;
import com.musiccorp.notifications.domain.OrderNotifications;
import com.musiccorp.platform.streams.DueTimeIndex;
import com.musiccorp.platform.streams.step.StateWatcher;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The orders with a delivery waiting for the mailer, by due time, in
 * {@code notification-deliveries-due-store}: key {@code <due epoch millis, zero-padded to 19
 * digits>|<order id>}, value the order id (the format and scan are {@link DueTimeIndex}'s). Keys sort
 * by due time, so the punctuator ({@link MailerHandOvers}) range-scans only what is due instead of
 * every order ever notified.
 *
 * <p>One entry per order, due at its earliest pending {@link Delivery#notBefore()}: the punctuator
 * hands over every delivery of the order that is due (as it did when it scanned the whole store),
 * and the cap per round stays a cap on orders.
 *
 * <p>It is derived from {@code notifications-store}: as the notification step's {@link StateWatcher}
 * it is told of every state the step stores, before and after, in the same task (and so the same EOS
 * transaction), so an entry exists exactly while {@link OrderNotifications#pending()} is not empty.
 * A retry moves the entry to its back-off; once nothing is pending (taken or given up) it is gone.
 * It holds its task's store, so each task has its own (see {@link NotificationStep}).
 *
 * <p>A state with pending deliveries and no entry cannot happen once every write goes through the
 * step, except on a state directory (and changelog) written before this index existed:
 * such deliveries are never found by the punctuator. Drain pending deliveries (or reset the
 * application) before upgrading from a version without this store.
 */
final class DeliveriesDueIndex implements StateWatcher<OrderNotifications> {

    private DueTimeIndex index;

    @Override
    public void init(ProcessingContext context) {
        this.index = new DueTimeIndex(context.getStateStore(NotificationsTopology.NOTIFICATION_DELIVERIES_DUE_STORE));
    }

    /**
     * Moves the order's entry from its earliest pending delivery before to its earliest one now. The
     * same key both sides writes nothing: e.g. a later template queued behind one still waiting.
     */
    @Override
    public void changed(String orderId, OrderNotifications before, OrderNotifications after) {
        index.move(keyOf(orderId, before), keyOf(orderId, after), orderId);
    }

    /**
     * At most {@code limit} entries due at or before {@code now}, earliest first: (index key, order id),
     * read before any hand-over, since following an answer writes to the store being scanned.
     */
    List<KeyValue<String, String>> dueAt(Instant now, int limit) {
        return index.dueAt(now, limit);
    }

    /** An entry whose order no longer waits at that time (cannot normally happen; nothing is sent). */
    void forget(String key) {
        index.forget(key);
    }

    static Optional<String> keyOf(String orderId, OrderNotifications state) {
        return state == null ? Optional.empty()
                : state.pending().values().stream()
                        .map(Delivery::notBefore)
                        .min(Instant::compareTo)
                        .map(dueAt -> key(dueAt, orderId));
    }

    static String key(Instant dueAt, String orderId) {
        return DueTimeIndex.key(dueAt, orderId);
    }
}
