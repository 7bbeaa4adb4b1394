package com.musiccorp.orders.http;

import com.musiccorp.orders.domain.Order;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The orders this instance placed most recently, as the decider left them.
 *
 * <p>Between the broker's ack of an {@code OrderPlaced} and the topology folding it into
 * {@code orders-store}, the store does not know the order yet; a client retrying its POST in that
 * gap would otherwise place it again (same event id, so harmless downstream, but a second record).
 * Bounded: once the topology has caught up the store answers, and the entry only ages out.
 */
final class RecentlyPlaced {

    private final Map<String, Order> orders;

    RecentlyPlaced(int capacity) {
        this.orders = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Order> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void remember(Order order) {
        orders.put(order.orderId(), order);
    }

    synchronized Optional<Order> find(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }
}
