package com.musiccorp.notifications.domain;

import static com.musiccorp.notifications.domain.Events.orderDispatched;
import static com.musiccorp.notifications.domain.Events.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;

import com.musiccorp.notifications.domain.NotificationFact.Sent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * What the port relies on: every hand-over of a message carries the same message id (the
 * NotificationSent's event id), whichever attempt, redelivery or replay it is. A restart hands over
 * again what was pending and not confirmed; a mailer idempotent by message id absorbs that.
 */
class MailerPortTest {

    /** Sends each message id once, acknowledging repeats. */
    static final class IdempotentMailer implements Mailer {
        final List<Email> outbox = new ArrayList<>();
        private final Set<UUID> sentIds = new HashSet<>();

        @Override
        public void send(Email email) {
            if (sentIds.add(email.messageId())) {
                outbox.add(email);
            }
        }
    }

    @Test
    void aResendAfterARestartReachesTheCustomerOnceThroughAnIdempotentMailer() {
        Saga saga = new Saga();
        List<Email> committed = Saga.sent(saga.given(orderPlaced(), orderDispatched())).stream()
                .map(Sent::email).toList();
        IdempotentMailer mailer = new IdempotentMailer();

        mailer.send(committed.get(0));
        // crash before the second send was confirmed: on restart every unconfirmed intent is sent again
        committed.forEach(mailer::send);

        assertThat(mailer.outbox).containsExactlyElementsOf(committed);
    }

    @Test
    void aReplayDecidesTheSameMessageIdsSoTheMailerCanRecogniseThem() {
        Saga first = new Saga();
        Saga replay = new Saga();

        List<UUID> ids = Saga.sent(first.given(orderPlaced(), orderDispatched())).stream()
                .map(s -> s.email().messageId()).toList();
        List<UUID> replayedIds = Saga.sent(replay.given(orderPlaced(), orderDispatched())).stream()
                .map(s -> s.email().messageId()).toList();

        assertThat(replayedIds).isEqualTo(ids).hasSize(2);
    }
}
