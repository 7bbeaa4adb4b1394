package com.musiccorp.notifications.domain;

import com.musiccorp.events.NotificationTemplate;
import com.musiccorp.notifications.domain.NotificationFact.Parked;
import com.musiccorp.schemas.SeenInputs;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
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
 * @param sent          templates decided for this order (being delivered, delivered or given up):
 *                      each is decided at most once
 * @param parked        messages due but waiting for the recipient, at most one per template
 * @param itemMissing   an ItemNotFound was read before any confirmation: never confirm this order
 * @param seen          ids of input events already handled, for de-duplication
 * @param pending       messages handed to the mailer and not taken yet, at most one per template
 * @param undeliverable templates the mailer never took, after the last attempt, with the last reason
 */
public record OrderNotifications(String orderId, Recipient recipient, Set<NotificationTemplate> sent,
        Map<NotificationTemplate, Parked> parked, boolean itemMissing, List<UUID> seen,
        Map<NotificationTemplate, Delivery> pending, Map<NotificationTemplate, String> undeliverable) {

    public OrderNotifications {
        sent = Set.copyOf(sent);
        parked = Map.copyOf(parked);
        seen = List.copyOf(seen);
        pending = pending == null ? Map.of() : Map.copyOf(pending);
        undeliverable = undeliverable == null ? Map.of() : Map.copyOf(undeliverable);
    }

    public static OrderNotifications initial() {
        return new OrderNotifications(null, null, Set.of(), Map.of(), false, List.of(), Map.of(), Map.of());
    }

    /** The deliveries due at {@code now}, earliest first (the confirmation before later templates). */
    public List<Delivery> dueAt(java.time.Instant now) {
        return pending.values().stream()
                .filter(delivery -> !delivery.notBefore().isAfter(now))
                .sorted(Comparator.comparing(Delivery::notBefore).thenComparing(Delivery::template))
                .toList();
    }

    /** Decided, handed over and taken by the mailer. */
    public boolean isDelivered(NotificationTemplate template) {
        return sent.contains(template) && !pending.containsKey(template) && !undeliverable.containsKey(template);
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
        return orderId != null ? this : new OrderNotifications(id, recipient, sent, parked, itemMissing, seen, pending, undeliverable);
    }

    OrderNotifications withRecipient(Recipient newRecipient) {
        Objects.requireNonNull(newRecipient, "newRecipient");
        return new OrderNotifications(orderId, newRecipient, sent, parked, itemMissing, seen, pending,
                undeliverable);
    }

    OrderNotifications sending(NotificationTemplate template) {
        Set<NotificationTemplate> more = EnumSet.noneOf(NotificationTemplate.class);
        more.addAll(sent);
        more.add(template);
        return new OrderNotifications(orderId, recipient, more, parked, itemMissing, seen, pending,
                undeliverable).unparking(template);
    }

    OrderNotifications parking(Parked message) {
        Map<NotificationTemplate, Parked> more = new EnumMap<>(NotificationTemplate.class);
        more.putAll(parked);
        more.put(message.message().template(), message);
        return new OrderNotifications(orderId, recipient, sent, more, itemMissing, seen, pending, undeliverable);
    }

    OrderNotifications unparking(NotificationTemplate template) {
        if (!parked.containsKey(template)) {
            return this;
        }
        Map<NotificationTemplate, Parked> fewer = new EnumMap<>(NotificationTemplate.class);
        fewer.putAll(parked);
        fewer.remove(template);
        return new OrderNotifications(orderId, recipient, sent, fewer, itemMissing, seen, pending, undeliverable);
    }

    /** The delivery becomes the pending one for its template (a first attempt or a retry). */
    OrderNotifications handingOver(Delivery delivery) {
        Map<NotificationTemplate, Delivery> more = new EnumMap<>(NotificationTemplate.class);
        more.putAll(pending);
        more.put(delivery.template(), delivery);
        return new OrderNotifications(orderId, recipient, sent, parked, itemMissing, seen, more, undeliverable);
    }

    /** The mailer took the template's message. */
    OrderNotifications delivered(NotificationTemplate template) {
        Map<NotificationTemplate, Delivery> fewer = new EnumMap<>(NotificationTemplate.class);
        fewer.putAll(pending);
        fewer.remove(template);
        return new OrderNotifications(orderId, recipient, sent, parked, itemMissing, seen, fewer, undeliverable);
    }

    /** The template's message was given up: no longer pending, remembered as undeliverable. */
    OrderNotifications givenUp(NotificationTemplate template, String reason) {
        Map<NotificationTemplate, String> failed = new EnumMap<>(NotificationTemplate.class);
        failed.putAll(undeliverable);
        failed.put(template, reason);
        OrderNotifications without = delivered(template);
        return new OrderNotifications(orderId, recipient, sent, parked, itemMissing, seen, without.pending, failed);
    }

    OrderNotifications withItemMissing() {
        return new OrderNotifications(orderId, recipient, sent, parked, true, seen, pending, undeliverable);
    }

    OrderNotifications seeing(UUID eventId) {
        List<UUID> more = SeenInputs.with(seen, eventId);
        return more == seen ? this
                : new OrderNotifications(orderId, recipient, sent, parked, itemMissing, more, pending, undeliverable);
    }
}
