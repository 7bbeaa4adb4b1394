package com.musiccorp.loyalty.domain;

import java.util.Objects;

/** What loyalty needs to know of an order to award its points: whose order it is and what it cost. */
public record OrderTerms(String customerId, Amount total) {

    public OrderTerms {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(total, "total");
    }

    /** Points for this order: the total in whole major units, rounded down. */
    public long points() {
        return total.wholeMajorUnits();
    }
}
