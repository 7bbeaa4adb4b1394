package com.musiccorp.orders.domain;

import java.util.List;

/**
 * What a customer sends to place an order, as received: nothing here is trusted until
 * {@link PlaceOrderValidator} has accepted it. Numbers are boxed so a missing value can be told
 * apart from zero. Prices are in the minor units of {@code currency} (1999 = 19.99 GBP).
 *
 * @param idempotencyKey required: a retried request with the same customer and key is the same
 *                       order (same order id, same {@code OrderPlaced} event id)
 */
public record PlaceOrderRequest(
        String customerId,
        String customerName,
        String customerEmail,
        List<Line> lines,
        String currency,
        ShippingAddress shippingAddress,
        String paymentMethodToken,
        String idempotencyKey) {

    /** One ordered item. {@code format} is a {@code MediaFormat} name: CD, VINYL, CASSETTE, DIGITAL. */
    public record Line(
            String sku,
            String title,
            String artist,
            String format,
            Integer quantity,
            Long unitPriceMinor) {
    }

    /** Where to ship; {@code line2} is optional, {@code countryCode} is ISO 3166-1 alpha-2. */
    public record ShippingAddress(
            String name,
            String line1,
            String line2,
            String city,
            String postalCode,
            String countryCode) {
    }
}
