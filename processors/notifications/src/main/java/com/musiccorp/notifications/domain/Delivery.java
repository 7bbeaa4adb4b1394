package com.musiccorp.notifications.domain;

import com.musiccorp.events.NotificationTemplate;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A message decided for an order and handed to the mailer until it takes it: the intent, recorded
 * in the state (and committed) before the mailer is called. Every attempt sends the same
 * {@link #messageId()}, the id of the NotificationSent that will record it, so a mailer idempotent
 * by that id delivers it once however often it is handed over (retry, restart, crash mid-send).
 *
 * @param attempt   1 for the first hand-over; a retry is a new delivery with {@code attempt + 1}
 * @param notBefore do not hand it over before this instant (the back-off)
 */
public record Delivery(String orderId, Recipient recipient, Message message, Trigger trigger, int attempt,
        Instant notBefore) {

    public Delivery {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(notBefore, "notBefore");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, was " + attempt);
        }
    }

    /**
     * The first hand-over, due when it was decided (at once). Messages due together go out in template order, the order they were decided in.
     */
    static Delivery first(String orderId, Recipient recipient, Message message, Trigger trigger, Instant due) {
        return new Delivery(orderId, recipient, message, trigger, 1, due);
    }

    Delivery retryAt(Instant when) {
        return new Delivery(orderId, recipient, message, trigger, attempt + 1, when);
    }

    public NotificationTemplate template() {
        return message.template();
    }

    /** The NotificationSent's event id: the same for every attempt, redelivery and replay. */
    public UUID messageId() {
        return trigger.notificationId(template());
    }

    public Email email() {
        return new Email(messageId(), orderId, template(), recipient.email(), recipient.name(), message.subject(),
                message.bodyFor(recipient.name()));
    }
}
