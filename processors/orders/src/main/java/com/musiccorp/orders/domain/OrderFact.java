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

    /**
     * A rebuild only: one of orders' own decisions read back from orders.events, which the rebuild
     * re-derives after its causes (see {@code OrderDecider.replay}). It folds only its recorded time
     * into the re-derived copy, so the rebuild takes times from the events, never from a clock.
     */
    record ReadBack(SpecificRecord event) implements OrderFact {
        public ReadBack {
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
