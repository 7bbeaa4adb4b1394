package com.musiccorp.notifications.domain;

import com.musiccorp.events.NotificationTemplate;

import java.util.Objects;
import java.util.UUID;

/**
 * One e-mail for the {@link Mailer} to send.
 *
 * @param messageId the event id of the NotificationSent that records it: stable across redelivery,
 *                  replay and restart, so a mailer can use it as an idempotency key
 */
public record Email(UUID messageId, String orderId, NotificationTemplate template, String toAddress,
        String toName, String subject, String body) {

    public Email {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(toAddress, "toAddress");
        Objects.requireNonNull(toName, "toName");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }
}
