package com.musiccorp.orders.domain;

import java.util.OptionalLong;

/**
 * What shipping costs: a flat fee per order, waived when the subtotal reaches a threshold. Amounts
 * are minor units of the order's currency; the policy does not convert between currencies, so a
 * deployment that takes several currencies configures a policy per currency.
 *
 * @param flatFeeMinor          charged per order (not per line or unit)
 * @param freeFromSubtotalMinor subtotal from which shipping is free (inclusive); empty = never free
 */
public record ShippingPolicy(long flatFeeMinor, OptionalLong freeFromSubtotalMinor) {

    public ShippingPolicy {
        if (flatFeeMinor < 0) {
            throw new IllegalArgumentException("flatFeeMinor must not be negative: " + flatFeeMinor);
        }
        if (freeFromSubtotalMinor == null) {
            freeFromSubtotalMinor = OptionalLong.empty();
        }
        if (freeFromSubtotalMinor.isPresent() && freeFromSubtotalMinor.getAsLong() < 0) {
            throw new IllegalArgumentException("freeFromSubtotalMinor must not be negative");
        }
    }

    /** The same fee on every order. */
    public static ShippingPolicy flat(long feeMinor) {
        return new ShippingPolicy(feeMinor, OptionalLong.empty());
    }

    /** {@code feeMinor} per order, nothing once the subtotal is at least {@code thresholdMinor}. */
    public static ShippingPolicy freeFrom(long feeMinor, long thresholdMinor) {
        return new ShippingPolicy(feeMinor, OptionalLong.of(thresholdMinor));
    }

    /** Shipping charged for an order with this subtotal. */
    public long costFor(long subtotalMinor) {
        if (freeFromSubtotalMinor.isPresent() && subtotalMinor >= freeFromSubtotalMinor.getAsLong()) {
            return 0;
        }
        return flatFeeMinor;
    }
}
