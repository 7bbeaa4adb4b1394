package com.musiccorp.notifications.stream;

import com.musiccorp.notifications.domain.Delivery;
import com.musiccorp.notifications.domain.Mailer;
import com.musiccorp.notifications.domain.NotificationInput;
import com.musiccorp.notifications.domain.OrderNotifications;
import com.musiccorp.notifications.domain.SendOutcome;
import com.musiccorp.platform.streams.step.Punctuations;
import com.musiccorp.platform.streams.step.Steps;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The notification step's side effect: every {@code sendInterval} of wall-clock time, each due
 * delivery of the due orders is handed to the {@link Mailer} and the answer fed back through the
 * same step as {@link NotificationInput.Answered}: taken gives the NotificationSent, a failure the
 * next attempt with back-off, the last failure gives the message up. The orders are found by
 * range-scanning {@link DeliveriesDueIndex} up to now, not by reading every state in the store.
 *
 * <p>Only a delivery the step has recorded (pending in the state) is ever handed over, always under
 * its message id. The mailer is outside the EOS transaction: a crash after a hand-over loses its
 * answer, the delivery is still pending after the restore and is handed over again with the same
 * message id, which the mailer recognises instead of sending twice. A hand-over before its intent
 * commits is safe for the same reason: after a crash the input is decided again with the same id.
 */
final class MailerHandOvers implements Punctuations<NotificationInput, OrderNotifications> {

    private static final Logger log = LoggerFactory.getLogger(MailerHandOvers.class);

    /** Orders per punctuation, so a backlog of due messages does not keep the stream thread from polling. */
    static final int MAX_ORDERS_PER_ROUND = 25;

    private final Mailer mailer;
    private final Duration sendInterval;
    private final DeliveriesDueIndex dueIndex;

    /** @param dueIndex the same task's index, which the step keeps up to date as its watcher */
    MailerHandOvers(Mailer mailer, Duration sendInterval, DeliveriesDueIndex dueIndex) {
        this.mailer = mailer;
        this.sendInterval = sendInterval;
        this.dueIndex = dueIndex;
    }

    @Override
    public void schedule(ProcessingContext context, KeyValueStore<String, OrderNotifications> notifications,
            Steps<NotificationInput, OrderNotifications> steps) {
        context.schedule(sendInterval, PunctuationType.WALL_CLOCK_TIME,
                wallClockMillis -> sendDueMessages(Instant.ofEpochMilli(wallClockMillis), context, notifications,
                        steps));
    }

    /** Hands every due delivery of the due orders (bounded per round) to the mailer, and decides on each answer. */
    private void sendDueMessages(Instant now, ProcessingContext context,
            KeyValueStore<String, OrderNotifications> notifications, Steps<NotificationInput, OrderNotifications> steps) {
        for (KeyValue<String, String> entry : dueIndex.dueAt(now, MAX_ORDERS_PER_ROUND)) {
            String orderId = entry.value;
            OrderNotifications state = notifications.get(orderId);
            if (!DeliveriesDueIndex.keyOf(orderId, state).equals(Optional.of(entry.key))) {
                log.warn("Dropping stale delivery index entry {}: order {} waits for nothing at that time", entry.key,
                        orderId);
                dueIndex.forget(entry.key);
                continue;
            }
            for (Delivery delivery : state.dueAt(now)) {
                OrderNotifications after = steps.apply(orderId, NotificationInput.Answered.to(delivery,
                        handOver(delivery), Instant.ofEpochMilli(context.currentSystemTimeMs())));
                reportIfGivenUp(delivery, state, after);
                state = after;
            }
        }
    }

    private SendOutcome handOver(Delivery delivery) {
        try {
            mailer.send(delivery.email());
            return new SendOutcome.Accepted();
        } catch (Mailer.MailerException e) {
            log.warn("Order {}: {} attempt {} to {} failed: {}", delivery.orderId(), delivery.template(),
                    delivery.attempt(), delivery.recipient().email(), e.getMessage());
            return new SendOutcome.Failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** A message given up reaches nobody and has no public event yet, so a person must hear of it here. */
    private static void reportIfGivenUp(Delivery delivery, OrderNotifications before, OrderNotifications after) {
        if (!before.undeliverable().containsKey(delivery.template())
                && after.undeliverable().containsKey(delivery.template())) {
            log.error("Order {}: {} given up after {} attempts: {}", delivery.orderId(), delivery.template(),
                    delivery.attempt(), after.undeliverable().get(delivery.template()));
        }
    }
}
