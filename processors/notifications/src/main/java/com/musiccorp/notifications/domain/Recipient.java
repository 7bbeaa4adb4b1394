package com.musiccorp.notifications.domain;

import com.musiccorp.events.Customer;
import com.musiccorp.events.OrderCancelled;

import java.util.Objects;

/** Whom an order's messages go to, as the events tell it (notifications never asks anyone). */
public record Recipient(String customerId, String name, String email) {

    public Recipient {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
    }

    public static Recipient of(Customer customer) {
        return new Recipient(customer.getCustomerId(), customer.getName(), customer.getEmail());
    }

    public static Recipient of(OrderCancelled cancelled) {
        return new Recipient(cancelled.getCustomerId(), cancelled.getCustomerName(), cancelled.getCustomerEmail());
    }
}
