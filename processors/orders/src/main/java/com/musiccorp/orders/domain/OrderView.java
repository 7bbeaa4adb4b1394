package com.musiccorp.orders.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What {@code GET /orders/{id}} shows: the order as placed, where it stands, what happened to it
 * and, for a cancelled order, why. Amounts in minor units of {@code currency}.
 *
 * @param personalData {@code shown}; {@code withheld} when the customer's name, e-mail and the
 *                     street lines of the address were left out ({@link #withoutPersonalData});
 *                     {@code erased} when the customer's personal data was erased (their key
 *                     destroyed), or {@code unavailable} when its key could not be read
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
        String cancellationCode,
        String personalData) {

    public static final String SHOWN = "shown";
    public static final String WITHHELD = "withheld";
    public static final String ERASED = "erased";
    public static final String UNAVAILABLE = "unavailable";

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
                c == null ? null : c.code().name(),
                SHOWN));
    }

    /**
     * The same order with its personal fields (as stored: sealed) replaced by {@code open} of them,
     * marked {@code personalData}: the order view of a reader allowed to see them.
     */
    public OrderView withPersonalFields(UnaryOperator<String> open, String personalData) {
        return new OrderView(orderId, status, customerId, open.apply(customerName), open.apply(customerEmail), lines,
                subtotalMinor, shippingCostMinor, totalMinor, currency,
                shippingAddress == null ? null : shippingAddress.withPersonalFields(open), placedAt, history,
                cancellationReason, cancellationCode, personalData);
    }

    /**
     * The same order for a reader who needs no personal data (an operator): no name, no e-mail, and
     * of the address only what placing a parcel needs (city, postal code, country), which is enough
     * to see why a carrier refused it.
     */
    public OrderView withoutPersonalData() {
        Order.Address a = shippingAddress;
        Order.Address coarse = a == null ? null : new Order.Address(null, null, null, a.city(), a.postalCode(), a.countryCode());
        return new OrderView(orderId, status, customerId, null, null, lines, subtotalMinor, shippingCostMinor,
                totalMinor, currency, coarse, placedAt, history, cancellationReason, cancellationCode, WITHHELD);
    }
}
