package com.musiccorp.notifications.stream;

import com.musiccorp.events.NotificationSent;
import com.musiccorp.notifications.domain.Mailer;
import com.musiccorp.notifications.domain.NotificationDecider;
import com.musiccorp.notifications.domain.NotificationFact;
import com.musiccorp.notifications.domain.NotificationInput;
import com.musiccorp.notifications.domain.OrderNotifications;
import com.musiccorp.platform.streams.EventHeaders;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Notifications' one processor: an input event is decided against the order's
 * {@link OrderNotifications} in {@code notifications-store}; the facts are folded into the store,
 * every {@code NotificationSent} is forwarded to {@code notifications.events}, and then its e-mail is
 * handed to the {@link Mailer}.
 *
 * <p>Delivery: under exactly-once the store update and the forwarded events commit with the input
 * offsets, so each NotificationSent is recorded once. The mailer is called in the same step, before
 * that commit: if the process crashes after the send and before the commit, the transaction aborts,
 * the input is read again, the same decision is made (same event id) and the e-mail is handed over
 * again. Delivery to the outside is therefore <em>at least once</em>, and the mailer de-duplicates by
 * {@code Email.messageId()} (the NotificationSent's event id). A mailer that throws
 * {@code MailerException} is logged at ERROR and the message is not retried (the simulated mailer
 * never throws; a real one would need a retry queue of pending e-mails in the state).
 */
final class DecideNotification implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(DecideNotification.class);

    private final NotificationDecider decider;
    private final Mailer mailer;

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, OrderNotifications> notifications;

    DecideNotification(NotificationDecider decider, Mailer mailer) {
        this.decider = decider;
        this.mailer = mailer;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.notifications = context.getStateStore(NotificationsTopology.NOTIFICATIONS_STORE);
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
        OrderNotifications state = notifications.get(orderId);
        if (state == null) {
            state = decider.initialState();
        }
        List<NotificationFact> facts = decider.decide(input.get(), state);
        if (facts.isEmpty()) {
            return; // a redelivery: nothing new
        }
        OrderNotifications next = decider.evolveAll(state, facts);
        if (!next.equals(state)) {
            notifications.put(orderId, next);
        }
        for (NotificationFact fact : facts) {
            if (fact instanceof NotificationFact.Sent sent) {
                NotificationSent event = sent.event();
                context.forward(new Record<>(orderId, (SpecificRecord) event,
                        event.getMetadata().getOccurredAt().toEpochMilli(), EventHeaders.of(event)));
            }
        }
        for (NotificationFact fact : facts) {
            if (fact instanceof NotificationFact.Sent sent) {
                try {
                    mailer.send(sent.email());
                } catch (Mailer.MailerException e) {
                    log.error("Order {}: message {} ({}) could not be handed to the mailer", orderId,
                            sent.email().messageId(), sent.template(), e);
                }
            }
        }
    }
}
