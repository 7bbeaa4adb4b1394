package com.musiccorp.orders.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code GET /orders/{id}} shows: the order as placed, where it stands, what happened to it
 * and, for a cancelled order, why. Amounts in minor units of {@code currency}.
 */
public record OrderView(
        String orderId,
        OrderStatus status,
        String customerId,
        String customerName,
        String customerEmail,
        List<Order.Line> lines,
        long subtotalMinor,
        long shippingCostMinor,
        long totalMinor,
        String currency,
        Order.Address shippingAddress,
        Instant placedAt,
        List<Order.HistoryEntry> history,
        String cancellationReason,
        String cancellationCode) {

    /** The view of an order; empty until its {@code OrderPlaced} has been seen (a 404). */
    public static Optional<OrderView> of(Order order) {
        if (!order.isPlaced()) {
            return Optional.empty();
        }
        Order.Placement p = order.placement();
        Order.Cancellation c = order.cancellation();
        return Optional.of(new OrderView(
                order.orderId(),
                order.status(),
                p.customerId(),
                p.customerName(),
                p.customerEmail(),
                p.lines(),
                p.totals().subtotalMinor(),
                p.totals().shippingCostMinor(),
                p.totals().totalMinor(),
                p.totals().currency(),
                p.shippingAddress(),
                p.placedAt(),
                order.history(),
                c == null ? null : c.reason(),
                c == null ? null : c.code().name()));
    }
}
