package com.musiccorp.notifications.domain;

import com.musiccorp.events.NotificationTemplate;
import com.musiccorp.notifications.domain.NotificationFact.Parked;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Notifications' state for one order (the aggregate is keyed by order id).
 *
 * @param orderId     null until the first fact
 * @param recipient   null until OrderPlaced or OrderCancelled has been read
 * @param sent        templates already sent for this order: each is sent at most once
 * @param parked      messages due but waiting for the recipient, at most one per template
 * @param itemMissing an ItemNotFound was read before any confirmation: never confirm this order
 * @param seen        ids of input events already handled, for de-duplication
 */
public record OrderNotifications(String orderId, Recipient recipient, Set<NotificationTemplate> sent,
        Map<NotificationTemplate, Parked> parked, boolean itemMissing, Set<UUID> seen) {

    public OrderNotifications {
        sent = Set.copyOf(sent);
        parked = Map.copyOf(parked);
        seen = Set.copyOf(seen);
    }

    public static OrderNotifications initial() {
        return new OrderNotifications(null, null, Set.of(), Map.of(), false, Set.of());
    }

    public boolean hasSent(NotificationTemplate template) {
        return sent.contains(template);
    }

    public boolean hasSeen(UUID eventId) {
        return seen.contains(eventId);
    }

    public Optional<Recipient> knownRecipient() {
        return Optional.ofNullable(recipient);
    }

    OrderNotifications withOrderId(String id) {
        return orderId != null ? this : new OrderNotifications(id, recipient, sent, parked, itemMissing, seen);
    }

    OrderNotifications withRecipient(Recipient newRecipient) {
        Objects.requireNonNull(newRecipient, "newRecipient");
        return new OrderNotifications(orderId, newRecipient, sent, parked, itemMissing, seen);
    }

    OrderNotifications sending(NotificationTemplate template) {
        Set<NotificationTemplate> more = EnumSet.noneOf(NotificationTemplate.class);
        more.addAll(sent);
        more.add(template);
        return new OrderNotifications(orderId, recipient, more, parked, itemMissing, seen).unparking(template);
    }

    OrderNotifications parking(Parked message) {
        Map<NotificationTemplate, Parked> more = new EnumMap<>(NotificationTemplate.class);
        more.putAll(parked);
        more.put(message.message().template(), message);
        return new OrderNotifications(orderId, recipient, sent, more, itemMissing, seen);
    }

    OrderNotifications unparking(NotificationTemplate template) {
        if (!parked.containsKey(template)) {
            return this;
        }
        Map<NotificationTemplate, Parked> fewer = new EnumMap<>(NotificationTemplate.class);
        fewer.putAll(parked);
        fewer.remove(template);
        return new OrderNotifications(orderId, recipient, sent, fewer, itemMissing, seen);
    }

    OrderNotifications withItemMissing() {
        return new OrderNotifications(orderId, recipient, sent, parked, true, seen);
    }

    OrderNotifications seeing(UUID eventId) {
        if (seen.contains(eventId)) {
            return this;
        }
        Set<UUID> more = new HashSet<>(seen);
        more.add(eventId);
        return new OrderNotifications(orderId, recipient, sent, parked, itemMissing, more);
    }
}
