package com.musiccorp.notifications.stream;

import com.musiccorp.notifications.domain.NotificationDecider;
import com.musiccorp.notifications.domain.NotificationFact;
import com.musiccorp.notifications.domain.NotificationInput;
import com.musiccorp.notifications.domain.OrderNotifications;
import com.musiccorp.platform.streams.step.Calling;
import com.musiccorp.platform.streams.step.Inputs;
import com.musiccorp.platform.streams.step.Output;
import com.musiccorp.platform.streams.step.Step;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Notifications' one step (key: order id), run by the platform's step processor: an input event is
 * decided against the order's {@link OrderNotifications} in {@code notifications-store}; a message to
 * send is only <em>recorded</em> (a pending delivery), and each message the mailer took is forwarded
 * as its NotificationSent to {@code notifications.events}. The pending deliveries are
 * {@link MailerCalls}: handed over as soon as due, off the stream thread, their answers decided
 * through the same step; {@link GivenUpMessages} reports a message given up.
 */
final class NotificationStep {

    private NotificationStep() {
    }

    static Step<SpecificRecord, NotificationInput, NotificationFact, OrderNotifications, SpecificRecord> of(
            NotificationDecider decider, MailerCalls mailer, Duration retryScanEvery, Executor callers) {
        return Step.of(NotificationsTopology.NOTIFICATIONS_STORE, decider, INPUTS, NotificationStep::outputs)
                .watchedBy(new GivenUpMessages())
                .calling(new Calling<>(mailer, NotificationsTopology.NOTIFICATION_DELIVERIES_DUE_STORE, retryScanEvery,
                        callers));
    }

    private static final Inputs<SpecificRecord, NotificationInput> INPUTS =
            Inputs.of(NotificationInput::fromEvent, NotificationInput::orderId);

    private static List<Output<SpecificRecord>> outputs(String orderId, NotificationFact fact) {
        return fact instanceof NotificationFact.Sent sent
                ? List.of(Output.event(orderId, sent.event()))
                : List.of();
    }
}
