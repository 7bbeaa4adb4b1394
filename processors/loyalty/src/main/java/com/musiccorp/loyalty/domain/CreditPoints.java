package com.musiccorp.loyalty.domain;

import java.util.Objects;

/**
 * The per-order aggregate's request to credit {@code points} to {@code customerId}'s balance for
 * {@code orderId}. It is the hand-over between the two aggregates: the topology re-keys it by
 * {@link #customerId()} (a repartition topic) and gives it to {@link CustomerBalanceDecider}.
 * Crediting is idempotent by order id, so a redelivered request changes nothing.
 *
 * @param orderTotal the total the points were computed from (PointsAwarded carries it)
 * @param cause      the OrderDispatched that earned the points; PointsAwarded derives its metadata from it
 */
public record CreditPoints(String customerId, String orderId, long points, Amount orderTotal, Cause cause)
        implements OrderFact.Forwarded {

    public CreditPoints {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(orderTotal, "orderTotal");
        Objects.requireNonNull(cause, "cause");
        if (points < 0) {
            throw new IllegalArgumentException("points must not be negative: " + points);
        }
    }

    static CreditPoints forDispatch(String orderId, OrderTerms terms, Cause dispatch) {
        return new CreditPoints(terms.customerId(), orderId, terms.points(), terms.total(), dispatch);
    }

    @Override
    public String targetKey() {
        return customerId;
    }
}
