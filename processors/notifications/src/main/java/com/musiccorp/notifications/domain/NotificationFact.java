package com.musiccorp.notifications.domain;

import com.musiccorp.events.NotificationSent;
import com.musiccorp.events.NotificationTemplate;

import java.util.Objects;

/**
 * Everything notifications records about an order. {@link Sent} is the context's event (written to
 * notifications.events); the {@link Recorded} facts only change notifications' own state. Folding
 * all of them with {@link NotificationDecider#evolve} rebuilds the state.
 */
public sealed interface NotificationFact {

    String orderId();

    /** A fact private to notifications: kept in its state, never published. */
    sealed interface Recorded extends NotificationFact {
    }

    /**
     * A message the mailer took: {@link #event()} is the public fact, written to
     * notifications.events only now, after the hand-over; {@link #email()} is what was handed over.
     */
    record Sent(NotificationSent event, Email email) implements NotificationFact {
        public Sent {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(email, "email");
            if (!email.messageId().equals(event.getMetadata().getEventId())) {
                throw new IllegalArgumentException("the e-mail's id must be the NotificationSent's event id");
            }
        }

        public String orderId() {
            return event.getOrderId();
        }

        public NotificationTemplate template() {
            return event.getTemplate();
        }
    }

    /**
     * A message to hand to the mailer (first attempt, or a retry after a failure with back-off). It
     * is recorded, and committed, before the mailer is called; while it is pending, handing it over
     * again is safe, because the mailer is idempotent by {@link Delivery#messageId()}.
     */
    record Queued(Delivery delivery) implements Recorded {
        public Queued {
            Objects.requireNonNull(delivery, "delivery");
        }

        public String orderId() {
            return delivery.orderId();
        }
    }

    /**
     * The mailer did not take the message in {@code attempts} attempts: it is given up, no
     * NotificationSent is written (the schemas have no event for an undelivered message yet).
     */
    record GaveUp(String orderId, NotificationTemplate template, int attempts, String reason) implements Recorded {
        public GaveUp {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Notifications now knows whom to write to (from OrderPlaced, or from OrderCancelled if that came first). */
    record RecipientKnown(String orderId, Recipient recipient, Trigger trigger) implements Recorded {
        public RecipientKnown {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(trigger, "trigger");
        }
    }

    /**
     * A message is due but nobody has told notifications the address yet (OrderDispatched,
     * DispatchDelayed and PaymentRefunded carry no e-mail address, and may overtake OrderPlaced). It
     * is sent, or dropped, as soon as the recipient is known.
     */
    record Parked(String orderId, Message message, Trigger trigger) implements Recorded {
        public Parked {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(trigger, "trigger");
        }
    }

    /** A parked message that must not be sent any more (e.g. a dispatch notice after a cancellation). */
    record ParkedDropped(String orderId, NotificationTemplate template, String reason) implements Recorded {
        public ParkedDropped {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * ItemNotFound was read before any confirmation was sent: the order will be cancelled, so no
     * confirmation will be sent now (and so no apology will be needed).
     */
    record ItemMissingNoted(String orderId, Trigger trigger) implements Recorded {
        public ItemMissingNoted {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(trigger, "trigger");
        }
    }

    /** The input was read and sends nothing (the message was already sent, or is no longer apt). */
    record Skipped(String orderId, Trigger trigger, String reason) implements Recorded {
        public Skipped {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
