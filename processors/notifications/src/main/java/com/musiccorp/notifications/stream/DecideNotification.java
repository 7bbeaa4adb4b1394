package com.musiccorp.notifications.stream;

import com.musiccorp.notifications.domain.Delivery;
import com.musiccorp.notifications.domain.Mailer;
import com.musiccorp.notifications.domain.NotificationDecider;
import com.musiccorp.notifications.domain.NotificationFact;
import com.musiccorp.notifications.domain.NotificationInput;
import com.musiccorp.notifications.domain.OrderNotifications;
import com.musiccorp.notifications.domain.SendOutcome;
import com.musiccorp.platform.streams.EventHeaders;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Notifications' one processor. Two ways in, one way to change state (decide, evolve, store, forward):
 * <ul>
 *   <li>{@link #process}: an input event is decided against the order's {@link OrderNotifications};
 *       a message to send is only <em>recorded</em> (a pending {@link Delivery}), never sent here.</li>
 *   <li>a wall-clock punctuator: every {@code sendInterval} it finds the orders with a due delivery
 *       in {@link DeliveriesDueIndex} ({@code notification-deliveries-due-store}), hands each due
 *       delivery to the {@link Mailer} and feeds the answer back as {@link NotificationInput.Answered}:
 *       taken gives the NotificationSent (forwarded to notifications.events), a failure the next
 *       attempt with back-off, the last failure gives the message up.</li>
 * </ul>
 * Every state write also moves the order's entry in that index, in the same step, so both commit in
 * one transaction and restore together.
 * Under exactly-once the store update and the forwarded events of a step commit with the input
 * offsets; the mailer is outside the transaction. A crash after a hand-over loses its answer, the
 * delivery is still pending after the restore and is handed over again with the same message id,
 * which the mailer recognises (idempotent by id) instead of sending twice. A restore only replays the
 * changelog; it never sends.
 */
final class DecideNotification implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(DecideNotification.class);

    /** Orders per punctuation, so a backlog of due messages does not keep the stream thread from polling. */
    static final int MAX_ORDERS_PER_ROUND = 25;

    private final NotificationDecider decider;
    private final Mailer mailer;
    private final Duration sendInterval;

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, OrderNotifications> notifications;
    private DeliveriesDueIndex dueIndex;

    DecideNotification(NotificationDecider decider, Mailer mailer, Duration sendInterval) {
        this.decider = decider;
        this.mailer = mailer;
        this.sendInterval = sendInterval;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.notifications = context.getStateStore(NotificationsTopology.NOTIFICATIONS_STORE);
        this.dueIndex = new DeliveriesDueIndex(
                context.getStateStore(NotificationsTopology.NOTIFICATION_DELIVERIES_DUE_STORE));
        context.schedule(sendInterval, PunctuationType.WALL_CLOCK_TIME, this::sendDueMessages);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        Optional<NotificationInput> input = NotificationInput.fromEvent(record.value());
        if (input.isEmpty()) {
            return; // an event of the saga notifications does not react to
        }
        String orderId = input.get().orderId();
        if (!orderId.equals(record.key())) {
            // The state lives in the partition of the order id; throwing sends it to the dead-letter topic.
            throw new IllegalArgumentException("record key '" + record.key() + "' is not the event's order id '"
                    + orderId + "'");
        }
        // No commit is requested here: a commit per input (one transaction each) capped throughput.
        // A message handed over before its intent commits is safe: after a crash it is decided
        // again with the same message id, and the mailer accepts a message id once.
        step(input.get());
    }

    /**
     * Hands every due delivery of the due orders (bounded per round) to the mailer and decides on each
     * answer. The orders are found by range-scanning {@link DeliveriesDueIndex} up to now, not by
     * reading every state in the store.
     */
    private void sendDueMessages(long wallClockMillis) {
        Instant now = Instant.ofEpochMilli(wallClockMillis);
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
                step(NotificationInput.Answered.to(delivery, handOver(delivery),
                        Instant.ofEpochMilli(context.currentSystemTimeMs())));
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

    /** Decide, evolve, store, forward. Returns the new state, or null when nothing was decided. */
    private OrderNotifications step(NotificationInput input) {
        String orderId = input.orderId();
        OrderNotifications state = notifications.get(orderId);
        if (state == null) {
            state = decider.initialState();
        }
        List<NotificationFact> facts = decider.decide(input, state);
        if (facts.isEmpty()) {
            return null; // a redelivery or a stale answer: nothing new
        }
        OrderNotifications next = decider.evolveAll(state, facts);
        if (!next.equals(state)) {
            notifications.put(orderId, next);
            dueIndex.follow(orderId, state, next);
        }
        for (NotificationFact fact : facts) {
            switch (fact) {
                case NotificationFact.Sent sent -> context.forward(new Record<>(orderId, (SpecificRecord) sent.event(),
                        sent.event().getMetadata().getOccurredAt().toEpochMilli(), EventHeaders.of(sent.event())));
                case NotificationFact.GaveUp gaveUp -> log.error("Order {}: {} given up after {} attempts: {}",
                        orderId, gaveUp.template(), gaveUp.attempts(), gaveUp.reason());
                default -> {
                }
            }
        }
        return next;
    }
}
