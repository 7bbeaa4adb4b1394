package com.musiccorp.notifications.domain;

/**
 * The port through which notifications sends e-mail (simulated for now). Kafka-free: the topology
 * calls it, the domain never does.
 *
 * <p>The domain decides, the port sends. A message is first recorded as a pending {@link Delivery}
 * in the order's state (committed with the input offsets, exactly once); a punctuator then hands it
 * to {@link #send}, and only a message the mailer took is written as NotificationSent. The outside
 * world sees a message at least once unless the mailer is idempotent: if the process dies after
 * {@code send} and before the answer is committed, the delivery is still pending after the restart
 * and is handed over again. A replay or restore never sends, because it only folds
 * {@link NotificationDecider#evolve}.
 *
 * <p>So an implementation must be idempotent by {@link Email#messageId()} (the NotificationSent's
 * event id, the same for every attempt): a repeated id is acknowledged and not sent again, durably
 * (across restarts of the process), or passed to the provider as its idempotency key.
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
