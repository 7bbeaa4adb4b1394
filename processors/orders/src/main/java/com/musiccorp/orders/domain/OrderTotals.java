package com.musiccorp.orders.domain;

import java.util.List;

/**
 * An order's amounts, exactly, in minor units of {@code currency}: no floating point touches a
 * price. Arithmetic that would overflow a {@code long} throws {@link ArithmeticException} rather
 * than wrapping round to a wrong (possibly negative) total.
 */
public record OrderTotals(long subtotalMinor, long shippingCostMinor, long totalMinor, String currency) {

    /** A priced quantity: one line's contribution to the subtotal. */
    public record Priced(int quantity, long unitPriceMinor) {
    }

    /** Subtotal = sum of quantity x unit price; total = subtotal + shipping from {@code policy}. */
    public static OrderTotals of(List<Priced> lines, ShippingPolicy policy, String currency) {
        long subtotal = 0;
        for (Priced line : lines) {
            subtotal = Math.addExact(subtotal, Math.multiplyExact((long) line.quantity(), line.unitPriceMinor()));
        }
        long shipping = policy.costFor(subtotal);
        return new OrderTotals(subtotal, shipping, Math.addExact(subtotal, shipping), currency);
    }
}
