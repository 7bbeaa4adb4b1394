package com.musiccorp.notifications.domain;

/**
 * The port through which notifications sends e-mail (simulated for now). Kafka-free: the topology
 * calls it, the domain never does.
 *
 * <p>The domain decides, the port sends. The topology writes the {@code NotificationSent} (the
 * intent, on notifications.events) and commits it with the state in the same Kafka transaction, and
 * only <em>after</em> that commit calls {@link #send}. Kafka therefore records every message exactly
 * once, but the outside world sees it at least once: if the process dies after the commit and before
 * (or during) {@code send}, the message is sent again on restart from the committed, not yet
 * confirmed, intents. A replay or restore never sends, because it only folds
 * {@link NotificationDecider#evolve}.
 *
 * <p>To make the outside exactly once too, an implementation may be idempotent by
 * {@link Email#messageId()} (the NotificationSent's event id): a repeated id is acknowledged and
 * not sent again. Without that, a customer may, rarely, get the same message twice.
 */
public interface Mailer {

    /**
     * Sends {@code email}, or fails with {@link MailerException} when it could not be handed over;
     * the caller then retries later with the same e-mail (same {@link Email#messageId()}).
     * Implementations do not retry on their own.
     */
    void send(Email email);

    /** The e-mail could not be handed over; sending it again later is safe and expected. */
    final class MailerException extends RuntimeException {

        public MailerException(String message, Throwable cause) {
            super(message, cause);
        }

        public MailerException(String message) {
            super(message);
        }
    }
}
