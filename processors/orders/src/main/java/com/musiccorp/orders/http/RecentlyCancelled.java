package com.musiccorp.orders.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The cancel this instance last wrote for each order, most recent orders kept.
 *
 * <p>Between the broker's ack of a command and the topology deciding it, the store does not know
 * it yet: a repeat of it (the same key) is answered from here with the same command id and
 * position, and another key for the same order is told one is pending, so neither writes again.
 */
final class RecentlyCancelled {

    private final Map<String, OrderCancelling.Accepted> commands;

    RecentlyCancelled(int capacity) {
        this.commands = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, OrderCancelling.Accepted> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void remember(OrderCancelling.Accepted accepted) {
        commands.put(accepted.orderId(), accepted);
    }

    synchronized Optional<OrderCancelling.Accepted> find(String orderId) {
        return Optional.ofNullable(commands.get(orderId));
    }
}
