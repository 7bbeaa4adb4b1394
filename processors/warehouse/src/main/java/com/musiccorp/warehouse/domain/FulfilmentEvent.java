package com.musiccorp.warehouse.domain;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.StockReserved;
import org.apache.avro.specific.SpecificRecordBase;

import java.util.UUID;

/**
 * What deciding about an order yields, in three kinds that the topology routes differently:
 * <ul>
 *   <li>{@link Published}: a saga event for warehouse.events, keyed by order id;</li>
 *   <li>{@link LineRequest}: a request to one SKU's stock, re-keyed by SKU;</li>
 *   <li>{@link OrderFact}: recorded only in the order's own state (its changelog), never sent.</li>
 * </ul>
 */
public sealed interface FulfilmentEvent permits FulfilmentEvent.Published, LineRequest, FulfilmentEvent.OrderFact {

    /** The saga event that the rest of the system reads. */
    record Published(SpecificRecordBase event) implements FulfilmentEvent {
        public EventMetadata metadata() {
            return (EventMetadata) event.get("metadata");
        }

        public String orderId() {
            return (String) event.get("orderId");
        }
    }

    /** Facts only the order's fulfilment needs to rebuild itself. */
    sealed interface OrderFact extends FulfilmentEvent {
    }

    /** The warehouse took the order on and asked every SKU for its lines. Keeps the order. */
    record FulfilmentOpened(OrderPlaced order, EventMetadata metadata) implements OrderFact {
    }

    /** A SKU answered (the order still waits for others), or told of units found missing. */
    record AnswerRecorded(LineAnswer answer) implements OrderFact {
    }

    /**
     * The order's only line was held and its SKU published the order's {@code StockReserved} with the
     * answer ({@link StockEvent.OrderReserved}): the order is reserved as if it had published the
     * event itself, which it does not do again. {@code event} is the very event the SKU published.
     */
    record ReservedBySku(StockReserved event) implements OrderFact {
    }

    /** An operator asked for one more dispatch attempt, due at the command's time. */
    record DispatchRetryRequested(String orderId, EventMetadata metadata) implements OrderFact {
    }

    /** Id of the input that led to this fact; the order remembers it to drop a redelivery. */
    static UUID inputIdOf(FulfilmentEvent event) {
        EventMetadata metadata = switch (event) {
            case AnswerRecorded recorded -> recorded.answer().metadata(); // the answer itself was the input
            case Published published -> published.metadata();
            case ReservedBySku reserved -> reserved.event().getMetadata();
            case LineRequest request -> request.metadata();
            case FulfilmentOpened opened -> opened.metadata();
            case DispatchRetryRequested retry -> retry.metadata();
        };
        return event instanceof AnswerRecorded ? metadata.getEventId() : UUID.fromString(metadata.getCausationId());
    }
}
