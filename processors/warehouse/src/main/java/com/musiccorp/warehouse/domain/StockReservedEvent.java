package com.musiccorp.warehouse.domain;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.StockReservation;
import com.musiccorp.events.StockReserved;
import com.musiccorp.schemas.Causation;

import java.time.Instant;
import java.util.List;

/**
 * How a {@code StockReserved} is made, whichever side decides it: the order's step once every line is
 * held, or the SKU's step for an order of one line ({@link LineRequest.ReserveLine#onlyLine()}). Its
 * id derives from the answer that completed the reservation, its cause is the order's
 * {@code OrderPlaced} (a published event names a published cause), its time is when it was decided.
 * So the order side can make the very event its SKU published from the answer alone.
 */
final class StockReservedEvent {

    private StockReservedEvent() {
    }

    static StockReserved of(String orderId, List<StockReservation> reservations, EventMetadata completedBy,
            String orderPlacedId, Instant decidedAt) {
        EventMetadata own = Causation.causedBy(completedBy, SkuStockDecider.PRODUCER, "StockReserved", 0, decidedAt);
        return StockReserved.newBuilder()
                .setMetadata(EventMetadata.newBuilder(own).setCausationId(orderPlacedId).build())
                .setOrderId(orderId)
                .setReservations(reservations)
                .setReservedAt(decidedAt)
                .build();
    }
}
