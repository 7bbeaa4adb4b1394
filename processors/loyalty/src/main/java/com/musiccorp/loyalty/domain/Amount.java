package com.musiccorp.loyalty.domain;

import com.musiccorp.events.Money;

import java.util.Currency;
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

    /**
     * The amount in whole major units, rounded down (19.99 GBP gives 19; 500 JPY gives 500).
     * The number of minor digits comes from ISO-4217; a code the JDK does not know counts as 2.
     * A negative amount gives 0: points are never taken away by an award.
     */
    public long wholeMajorUnits() {
        int digits = fractionDigits(currency);
        long unit = 1;
        for (int i = 0; i < digits; i++) {
            unit *= 10;
        }
        return Math.max(0, Math.floorDiv(minor, unit));
    }

    private static int fractionDigits(String code) {
        try {
            int digits = Currency.getInstance(code).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException unknown) {
            return 2;
        }
    }

    @Override
    public String toString() {
        return minor + " " + currency;
    }
}
