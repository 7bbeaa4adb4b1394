package com.musiccorp.orders.stream;

import com.musiccorp.orders.domain.ObservedEvent;
import com.musiccorp.orders.domain.OrderInput;
import com.musiccorp.platform.streams.step.Inputs;
import org.apache.avro.specific.SpecificRecord;

import java.util.Optional;

/**
 * What orders' steps read. Every record is about one order and keyed by its id, the key of the
 * order's state; a record keyed otherwise was written to the wrong partition and the step
 * dead-letters it.
 */
final class OrderInputs {

    /** The live step's records, already inputs: events observed, and the operators' commands. */
    static final Inputs<OrderInput, OrderInput> LIVE = Inputs.of(Optional::of, OrderInput::orderId);

    /** A rebuild's records: every event of the order, observed. */
    static final Inputs<SpecificRecord, ObservedEvent> EVENTS =
            Inputs.of(event -> Optional.of(new ObservedEvent(event)), ObservedEvent::orderId);

    private OrderInputs() {
    }
}
