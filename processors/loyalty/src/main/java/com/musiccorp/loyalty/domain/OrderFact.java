package com.musiccorp.loyalty.domain;

import com.musiccorp.events.EventRejected;
import org.apache.avro.specific.SpecificRecord;

import java.util.Objects;

/**
 * Everything the per-order aggregate records. {@link Published} facts are written to
 * loyalty.events (key: order id); {@link Recorded} facts only change the order's state;
 * {@link CreditPoints} is the one {@link Forwarded} fact: it changes the order's state (the order
 * is now credited) and is handed to the customer's {@link CustomerBalance}. Folding all of them
 * with {@link OrderPointsDecider#evolve} rebuilds the order's state.
 */
public sealed interface OrderFact {

    String orderId();

    /** A fact the rest of the saga sees: {@link #event()} is written to loyalty.events. */
    sealed interface Published extends OrderFact {
        SpecificRecord event();
    }

    /** A fact private to the order's state: kept in its store, never published. */
    sealed interface Recorded extends OrderFact {
    }

    /** A fact that is also a request to another aggregate (repartitioned by its key). */
    sealed interface Forwarded extends OrderFact permits CreditPoints {
        /** The key of the aggregate that handles it. */
        String targetKey();
    }

    /** An input refused as an illegal transition; the state is unchanged, except that the input counts as seen. */
    record Rejected(EventRejected event) implements Published {
        public String orderId() {
            return event.getOrderId();
        }
    }

    /** OrderPlaced was read: loyalty now knows whose order it is and its total. Nothing is awarded yet. */
    record OrderTermsRecorded(String orderId, OrderTerms terms, Cause cause) implements Recorded {
        public OrderTermsRecorded {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(terms, "terms");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * OrderDispatched arrived before OrderPlaced (they come from different topics, so their order
     * is not guaranteed). Loyalty waits for the order's total and awards when it arrives; the
     * award is still caused by the dispatch.
     */
    record DispatchParked(String orderId, Cause dispatch) implements Recorded {
        public DispatchParked {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(dispatch, "dispatch");
        }
    }
}
