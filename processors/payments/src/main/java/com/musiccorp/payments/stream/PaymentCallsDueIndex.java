package com.musiccorp.payments.stream;

import com.musiccorp.payments.domain.Payment;
import com.musiccorp.platform.streams.DueTimeIndex;
import com.musiccorp.platform.streams.step.StateWatcher;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The orders waiting for a gateway call, by due time, in {@code payment-calls-due-store}: key
 * {@code <due epoch millis, zero-padded to 19 digits>|<order id>}, value the order id (the format and
 * scan are {@link DueTimeIndex}'s). Keys sort by due time, so the punctuator ({@link GatewayCalls})
 * range-scans only what is due instead of every payment ever recorded.
 *
 * <p>It is derived from {@code payments-store}: as the payment step's {@link StateWatcher} it is told
 * of every state the step stores, before and after, in the same task (and so the same EOS
 * transaction), so an entry exists exactly while {@link Payment#pendingCall()} is present, keyed by
 * its {@code notBefore}. A retry moves the entry to its back-off; an answer that ends the call
 * (approved, declined, refunded, blocked) removes it. It holds its task's store, so each task has
 * its own (see {@link PaymentStep}).
 *
 * <p>A state with a pending call and no entry cannot happen once every write goes through the step,
 * except on a state directory (and changelog) written before this index existed: such a call is
 * never found by the punctuator. Drain pending calls (or reset the application) before upgrading
 * from a version without this store.
 */
final class PaymentCallsDueIndex implements StateWatcher<Payment> {

    private DueTimeIndex index;

    @Override
    public void init(ProcessingContext context) {
        this.index = new DueTimeIndex(context.getStateStore(PaymentsTopology.PAYMENT_CALLS_DUE_STORE));
    }

    /**
     * Moves the order's entry from the call it was waiting for to the one it waits for now. The same
     * key both sides writes nothing: e.g. a charge approved after a cancellation, whose refund is due
     * when the charge was.
     */
    @Override
    public void changed(String orderId, Payment before, Payment after) {
        index.move(keyOf(orderId, before), keyOf(orderId, after), orderId);
    }

    /**
     * At most {@code limit} entries due at or before {@code now}, earliest first: (index key, order id),
     * read before any call, since following a call's answer writes to the store being scanned.
     */
    List<KeyValue<String, String>> dueAt(Instant now, int limit) {
        return index.dueAt(now, limit);
    }

    /** An entry whose order no longer waits for that call (cannot normally happen; never called). */
    void forget(String key) {
        index.forget(key);
    }

    static Optional<String> keyOf(String orderId, Payment state) {
        return state == null ? Optional.empty()
                : state.pendingCall().map(call -> key(call.notBefore(), orderId));
    }

    static String key(Instant dueAt, String orderId) {
        return DueTimeIndex.key(dueAt, orderId);
    }
}
