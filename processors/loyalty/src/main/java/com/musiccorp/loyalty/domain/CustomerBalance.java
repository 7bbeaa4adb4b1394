package com.musiccorp.loyalty.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Loyalty's state for one customer (key: customer id): the points balance, how many orders earned
 * points, and the last few credits.
 *
 * <p>Its size does not grow with the customer's orders. An order is credited at most once by its
 * own aggregate ({@link OrderPointsDecider}, keyed by order id), and the credit reaches this balance
 * exactly once under exactly-once processing, so the balance needs no list of every order it ever
 * credited (one customer with 23,000 orders once made a 1 MiB record). The
 * {@link #RECENT_CREDITS} most recent credits are kept for the idempotency of a redelivered credit,
 * which can only follow its original closely, and to show what earned the latest points.
 *
 * @param customerId      null until the first credit
 * @param balance         sum of the points credited
 * @param creditedOrders  how many orders earned points
 * @param recentCredits   the latest credits, oldest first, at most {@link #RECENT_CREDITS}
 */
public record CustomerBalance(String customerId, long balance, long creditedOrders, List<Credit> recentCredits) {

    public static final int RECENT_CREDITS = 32;

    /** Points credited for one order. */
    public record Credit(String orderId, long points) {
        public Credit {
            Objects.requireNonNull(orderId, "orderId");
        }
    }

    public CustomerBalance {
        recentCredits = List.copyOf(recentCredits);
        if (recentCredits.size() > RECENT_CREDITS) {
            throw new IllegalArgumentException("at most " + RECENT_CREDITS + " recent credits are kept");
        }
    }

    public static CustomerBalance initial() {
        return new CustomerBalance(null, 0, 0, List.of());
    }

    public boolean hasCredited(String orderId) {
        return pointsFor(orderId).isPresent();
    }

    /** Points credited for {@code orderId}, if it is among the recent credits. */
    public Optional<Long> pointsFor(String orderId) {
        return recentCredits.stream().filter(c -> c.orderId().equals(orderId)).map(Credit::points).findFirst();
    }

    /**
     * This balance with {@code points} credited for {@code orderId}; the same balance if that order
     * is among the recent credits. Its {@link #balance()} is the new balance.
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
        List<Credit> recent = new ArrayList<>(recentCredits);
        recent.add(new Credit(orderId, points));
        if (recent.size() > RECENT_CREDITS) {
            recent.removeFirst();
        }
        return new CustomerBalance(forCustomer, Math.addExact(balance, points), creditedOrders + 1, recent);
    }
}
