package com.musiccorp.loyalty.domain;

import com.musiccorp.events.OrderPlaced;

import java.util.Objects;

/** What loyalty needs to remember from OrderPlaced: whose order it is and what it cost. */
public record OrderTerms(String customerId, Amount total) {

    public OrderTerms {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(total, "total");
    }

    public static OrderTerms of(OrderPlaced event) {
        return new OrderTerms(event.getCustomer().getCustomerId(), Amount.from(event.getTotal()));
    }

    /** Points for this order: the total in whole major units, rounded down. */
    public long points() {
        return total.wholeMajorUnits();
    }
}
