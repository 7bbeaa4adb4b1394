package com.musiccorp.notifications.stream;

import com.musiccorp.notifications.domain.Mailer;
import com.musiccorp.notifications.domain.NotificationDecider;
import com.musiccorp.notifications.domain.NotificationFact;
import com.musiccorp.notifications.domain.NotificationInput;
import com.musiccorp.notifications.domain.OrderNotifications;
import com.musiccorp.platform.streams.step.Inputs;
import com.musiccorp.platform.streams.step.Output;
import com.musiccorp.platform.streams.step.Step;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

import java.time.Duration;
import java.util.List;

/**
 * Notifications' one step (key: order id), run by the platform's step processor: an input event is
 * decided against the order's {@link OrderNotifications} in {@code notifications-store}; a message to
 * send is only <em>recorded</em> (a pending delivery), and each message the mailer took is forwarded
 * as its NotificationSent to {@code notifications.events}. The stored state is followed by
 * {@link DeliveriesDueIndex}, and {@link MailerHandOvers} hands the due deliveries to the mailer and
 * feeds the answers back through the same step.
 */
final class NotificationStep {

    private NotificationStep() {
    }

    /**
     * A new step per task: its index holds the task's own {@code notification-deliveries-due-store},
     * and the punctuator scans that same index.
     */
    static ProcessorSupplier<String, SpecificRecord, String, SpecificRecord> perTask(NotificationDecider decider,
            Mailer mailer, Duration sendInterval) {
        return Step.perTask(() -> of(decider, mailer, sendInterval));
    }

    static Step<SpecificRecord, NotificationInput, NotificationFact, OrderNotifications, SpecificRecord> of(
            NotificationDecider decider, Mailer mailer, Duration sendInterval) {
        DeliveriesDueIndex dueIndex = new DeliveriesDueIndex();
        return Step.of(NotificationsTopology.NOTIFICATIONS_STORE, decider, INPUTS, NotificationStep::outputs)
                .watchedBy(dueIndex)
                .scheduling(new MailerHandOvers(mailer, sendInterval, dueIndex));
    }

    private static final Inputs<SpecificRecord, NotificationInput> INPUTS =
            Inputs.of(NotificationInput::fromEvent, NotificationInput::orderId);

    private static List<Output<SpecificRecord>> outputs(String orderId, NotificationFact fact) {
        return fact instanceof NotificationFact.Sent sent
                ? List.of(Output.event(orderId, sent.event()))
                : List.of();
    }
}
