package com.musiccorp.orders.domain;

import org.apache.avro.specific.SpecificRecord;

import java.util.Objects;

/**
 * What an order records: an event it observed (any context's, or its own read back), or one it
 * decided. Both are folded alike; only a decided event is published, so an observed one is never
 * written to orders.events a second time.
 */
public sealed interface OrderFact {

    SpecificRecord event();

    /** An event of the order read from a topic: folded, never published again. */
    record Observed(SpecificRecord event) implements OrderFact {
        public Observed {
            Objects.requireNonNull(event, "event");
        }
    }

    /** An event the order decided: folded, and published on orders.events. */
    record Decided(SpecificRecord event) implements OrderFact {
        public Decided {
            Objects.requireNonNull(event, "event");
        }
    }
}
