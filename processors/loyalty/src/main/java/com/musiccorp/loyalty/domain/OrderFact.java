package com.musiccorp.loyalty.domain;

import com.musiccorp.events.EventRejected;
import org.apache.avro.specific.SpecificRecord;

/**
 * Everything the per-order aggregate decides. {@link Published} facts are written to loyalty.events
 * (key: order id); {@link CreditPoints} is the one {@link Forwarded} fact: it changes the order's
 * state (the order is now credited) and is handed to the customer's {@link CustomerBalance}. Folding
 * all of them with {@link OrderPointsDecider#evolve} rebuilds the order's state.
 */
public sealed interface OrderFact {

    String orderId();

    /** A fact the rest of the saga sees: {@link #event()} is written to loyalty.events. */
    sealed interface Published extends OrderFact {
        SpecificRecord event();
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
}
