package com.musiccorp.loyalty.domain;

import com.musiccorp.events.PointsAwarded;
import com.musiccorp.platform.decider.Decider;

import java.time.Instant;
import java.util.List;

/**
 * Loyalty's balance per customer (key: customer id). Its input is the {@link CreditPoints} the
 * per-order aggregate decided (re-keyed by customer id); its facts are the {@code PointsAwarded}
 * events it publishes (written to loyalty.events with the order id as key).
 * <ul>
 *   <li>decide: a credit for an order not yet credited gives one {@code PointsAwarded} carrying the
 *       customer's new balance; a credit for an order already credited gives nothing.</li>
 *   <li>evolve: credits the points idempotently by order id.</li>
 * </ul>
 * {@code PointsAwarded}'s metadata is {@code Causation.causedBy(dispatched.getMetadata(), "loyalty",
 * "PointsAwarded", 0, decidedAt)}: the same dispatch always gives the same event id, whichever path
 * it took; its time is when the balance credited it.
 */
public final class CustomerBalanceDecider implements Decider<CreditPoints, PointsAwarded, CustomerBalance> {

    @Override
    public CustomerBalance initialState() {
        return CustomerBalance.initial();
    }

    @Override
    public List<PointsAwarded> decide(CreditPoints credit, CustomerBalance state, Instant decidedAt) {
        if (state.customerId() != null && !state.customerId().equals(credit.customerId())) {
            throw new IllegalArgumentException("credit for customer " + credit.customerId()
                    + " given the balance of customer " + state.customerId());
        }
        if (state.hasCredited(credit.orderId())) {
            return List.of();
        }
        long newBalance = state.credit(credit.customerId(), credit.orderId(), credit.points()).balance();
        return List.of(PointsAwarded.newBuilder()
                .setMetadata(credit.cause().derive("PointsAwarded", 0, decidedAt))
                .setOrderId(credit.orderId())
                .setCustomerId(credit.customerId())
                .setPoints(credit.points())
                .setNewBalance(newBalance)
                .setOrderTotal(credit.orderTotal().toMoney())
                .build());
    }

    @Override
    public CustomerBalance evolve(CustomerBalance state, PointsAwarded fact) {
        return state.credit(fact.getCustomerId(), fact.getOrderId(), fact.getPoints());
    }
}
