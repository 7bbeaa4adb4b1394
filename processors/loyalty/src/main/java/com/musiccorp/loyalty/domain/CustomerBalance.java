package com.musiccorp.loyalty.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Loyalty's state for one customer (key: customer id): the points balance, and the points credited
 * per order, so that a credit for an order already credited changes nothing.
 *
 * @param customerId     null until the first credit
 * @param balance        sum of the points credited
 * @param creditedOrders points credited, by order id (kept for the idempotency; it grows by one
 *                       entry per dispatched order of the customer)
 */
public record CustomerBalance(String customerId, long balance, Map<String, Long> creditedOrders) {

    public CustomerBalance {
        creditedOrders = Map.copyOf(creditedOrders);
    }

    public static CustomerBalance initial() {
        return new CustomerBalance(null, 0, Map.of());
    }

    public boolean hasCredited(String orderId) {
        return creditedOrders.containsKey(orderId);
    }

    /** Points credited for {@code orderId}, if it was. */
    public Optional<Long> pointsFor(String orderId) {
        return Optional.ofNullable(creditedOrders.get(orderId));
    }

    /**
     * This balance with {@code points} credited for {@code orderId}; the same balance if that order
     * was already credited (idempotent by order id). Its {@link #balance()} is the new balance.
     */
    public CustomerBalance credit(String forCustomer, String orderId, long points) {
        Objects.requireNonNull(forCustomer, "forCustomer");
        Objects.requireNonNull(orderId, "orderId");
        if (customerId != null && !customerId.equals(forCustomer)) {
            throw new IllegalArgumentException(
                    "credit for customer " + forCustomer + " given the balance of customer " + customerId);
        }
        if (points < 0) {
            throw new IllegalArgumentException("points must not be negative: " + points);
        }
        if (hasCredited(orderId)) {
            return this;
        }
        Map<String, Long> next = new HashMap<>(creditedOrders);
        next.put(orderId, points);
        return new CustomerBalance(forCustomer, Math.addExact(balance, points), next);
    }
}
