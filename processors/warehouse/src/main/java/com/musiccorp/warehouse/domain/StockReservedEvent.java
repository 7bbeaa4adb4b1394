package com.musiccorp.warehouse.domain;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.StockReservation;
import com.musiccorp.events.StockReserved;
import com.musiccorp.schemas.Causation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * How a {@code StockReserved} is made, whichever side decides it: the order's step once every line is
 * held, or the SKU's step for an order of one line ({@link LineRequest.ReserveLine#onlyLine()}). Its
 * id derives from the answer that completed the reservation, its cause is the order's
 * {@code OrderPlaced} (a published event names a published cause), its time is when it was decided.
 * So the order side can make the very event its SKU published from the answer alone.
 */
final class StockReservedEvent {
    /** The names in the chain of ids from an order to its reservation: request, answer, event. */
    static final String RESERVE_LINE = "ReserveLine", LINE_RESERVED = "LineReserved", STOCK_RESERVED = "StockReserved";

    private StockReservedEvent() {
    }

    static StockReserved of(String orderId, List<StockReservation> reservations, EventMetadata completedBy,
            String orderPlacedId, Instant decidedAt) {
        EventMetadata own = Causation.causedBy(completedBy, SkuStockDecider.PRODUCER, STOCK_RESERVED, 0, decidedAt);
        return StockReserved.newBuilder()
                .setMetadata(EventMetadata.newBuilder(own).setCausationId(orderPlacedId).build())
                .setOrderId(orderId)
                .setReservations(reservations)
                .setReservedAt(decidedAt)
                .build();
    }

    /**
     * The id of the {@code StockReserved} the SKU of an order of one line publishes when it holds the
     * units: ids derive from ids only (the order's, then its request's, then the answer's), never from
     * a time, so the order knows it before the SKU decides.
     */
    static UUID idPublishedBySku(OrderPlaced order) {
        Instant anyTime = order.getMetadata().getOccurredAt();
        EventMetadata request = Causation.causedBy(order.getMetadata(), SkuStockDecider.PRODUCER, RESERVE_LINE, 0, anyTime);
        EventMetadata answer = Causation.causedBy(request, SkuStockDecider.PRODUCER, LINE_RESERVED, 0, anyTime);
        return Causation.causedBy(answer, SkuStockDecider.PRODUCER, STOCK_RESERVED, 0, anyTime).getEventId();
    }
}
