package com.musiccorp.payments.domain;

import com.musiccorp.events.Money;

import java.util.Objects;

/** An amount in minor units (1999 GBP = 19.99 GBP); an immutable twin of the Avro {@link Money}. */
public record Amount(long minor, String currency) {

    public Amount {
        Objects.requireNonNull(currency, "currency");
    }

    public static Amount from(Money money) {
        return new Amount(money.getAmountMinor(), money.getCurrency());
    }

    public Money toMoney() {
        return Money.newBuilder().setAmountMinor(minor).setCurrency(currency).build();
    }

    @Override
    public String toString() {
        return minor + " " + currency;
    }
}
