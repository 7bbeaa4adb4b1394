package com.musiccorp.payments.domain;

import com.musiccorp.events.OrderPlaced;

import java.util.Objects;

/**
 * What payments must remember from {@code OrderPlaced}: StockReserved, the event that triggers the
 * charge, carries none of it.
 */
public record OrderTerms(String customerId, Amount total, String paymentMethodToken) {

    public OrderTerms {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(paymentMethodToken, "paymentMethodToken");
    }

    public static OrderTerms of(OrderPlaced order) {
        return new OrderTerms(order.getCustomer().getCustomerId(), Amount.from(order.getTotal()),
                order.getPaymentMethodToken());
    }
}
