package com.musiccorp.notifications.domain;

import static com.musiccorp.events.NotificationTemplate.ORDER_CONFIRMATION;
import static com.musiccorp.events.NotificationTemplate.ORDER_DISPATCHED;
import static com.musiccorp.notifications.domain.Events.DECIDED_AT;
import static com.musiccorp.notifications.domain.Events.PLACED_AT;
import static com.musiccorp.notifications.domain.Events.SAGA;
import static com.musiccorp.notifications.domain.Events.orderDispatched;
import static com.musiccorp.notifications.domain.Events.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;

import com.musiccorp.events.NotificationSent;
import com.musiccorp.notifications.domain.NotificationFact.GaveUp;
import com.musiccorp.notifications.domain.NotificationFact.Queued;
import com.musiccorp.notifications.domain.NotificationFact.Sent;
import com.musiccorp.schemas.Causation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Handing messages to the mailer: the intent is recorded first, NotificationSent is published only
 * once the mailer took the message, a failure is retried with back-off under the same message id,
 * and after the last attempt the message is given up without any NotificationSent.
 */
class DeliveryRetriesTest {

    static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(8));
    static final SendOutcome TAKEN = new SendOutcome.Accepted();
    static final SendOutcome BOUNCED = new SendOutcome.Failed("mailbox unavailable");

    final Saga saga = Saga.handingOverByHand(POLICY);

    @Test
    void aMessageIsRecordedAsPendingBeforeAnythingIsSentOrPublished() {
        List<NotificationFact> facts = saga.given(orderPlaced());

        assertThat(facts).noneMatch(fact -> fact instanceof Sent);
        Queued queued = (Queued) facts.stream().filter(Queued.class::isInstance).findFirst().orElseThrow();
        assertThat(queued.delivery().attempt()).isEqualTo(1);
        assertThat(queued.delivery().notBefore()).as("due when decided").isEqualTo(DECIDED_AT);
        assertThat(queued.delivery().recipient().email()).isEqualTo(Events.EMAIL);
        assertThat(saga.state.pending()).containsOnlyKeys(ORDER_CONFIRMATION);
        assertThat(saga.state.dueAt(DECIDED_AT)).containsExactly(queued.delivery());
        assertThat(saga.state.isDelivered(ORDER_CONFIRMATION)).isFalse();
    }

    @Test
    void theMessageTakenIsPublishedOnceCausedByItsTrigger() {
        saga.given(orderPlaced());
        Delivery pending = saga.pending(ORDER_CONFIRMATION);

        List<NotificationFact> facts = saga.answer(ORDER_CONFIRMATION, TAKEN, PLACED_AT.plusMillis(200));

        NotificationSent sent = ((Sent) facts.getFirst()).event();
        assertThat(facts).hasSize(1);
        assertThat(sent.getMetadata()).isEqualTo(Causation.causedBy(orderPlaced().event().getMetadata(),
                "notifications", "NotificationSent:ORDER_CONFIRMATION", 0, PLACED_AT.plusMillis(200)));
        assertThat(sent.getMetadata().getOccurredAt()).as("when the mailer took it, not when it was queued")
                .isNotEqualTo(pending.notBefore());
        assertThat(sent.getMetadata().getCorrelationId()).isEqualTo(SAGA);
        assertThat(sent.getMetadata().getEventId()).isEqualTo(pending.messageId());
        assertThat(((Sent) facts.getFirst()).email()).isEqualTo(pending.email());
        assertThat(saga.state.pending()).isEmpty();
        assertThat(saga.state.isDelivered(ORDER_CONFIRMATION)).isTrue();
    }

    @Test
    void eachFailureQueuesTheNextAttemptUnderTheSameMessageIdWithADoublingDelay() {
        saga.given(orderPlaced());
        Delivery first = saga.pending(ORDER_CONFIRMATION);
        Instant failedAt = PLACED_AT.plusMillis(300);

        Queued second = (Queued) saga.answer(ORDER_CONFIRMATION, BOUNCED, failedAt).getFirst();
        Queued third = (Queued) saga.answer(ORDER_CONFIRMATION, BOUNCED, failedAt.plusSeconds(1)).getFirst();
        List<NotificationFact> taken = saga.answer(ORDER_CONFIRMATION, TAKEN, failedAt.plusSeconds(3));

        assertThat(second.delivery().attempt()).isEqualTo(2);
        assertThat(second.delivery().notBefore()).isEqualTo(failedAt.plusSeconds(1));
        assertThat(third.delivery().attempt()).isEqualTo(3);
        assertThat(third.delivery().notBefore()).isEqualTo(failedAt.plusSeconds(1).plusSeconds(2));
        assertThat(List.of(second.delivery().messageId(), third.delivery().messageId()))
                .containsOnly(first.messageId());
        assertThat(saga.state.dueAt(failedAt.plusSeconds(2))).isEmpty();
        assertThat(Saga.sent(taken)).singleElement()
                .satisfies(sent -> assertThat(sent.event().getMetadata().getEventId()).isEqualTo(first.messageId()));
    }

    @Test
    void afterTheLastAttemptTheMessageIsGivenUpAndNothingIsPublished() {
        saga.given(orderPlaced());
        saga.answer(ORDER_CONFIRMATION, BOUNCED, PLACED_AT.plusSeconds(1));
        saga.answer(ORDER_CONFIRMATION, BOUNCED, PLACED_AT.plusSeconds(2));

        List<NotificationFact> last = saga.answer(ORDER_CONFIRMATION, BOUNCED, PLACED_AT.plusSeconds(4));

        assertThat(last).singleElement().isEqualTo(new GaveUp(Events.ORDER, ORDER_CONFIRMATION, 3,
                "mailbox unavailable"));
        assertThat(saga.sent()).isEmpty();
        assertThat(saga.state.pending()).isEmpty();
        assertThat(saga.state.undeliverable()).containsEntry(ORDER_CONFIRMATION, "mailbox unavailable");
        assertThat(saga.given(orderPlaced(), orderPlaced("2"))).as("never decided again")
                .noneMatch(fact -> fact instanceof Queued || fact instanceof Sent);
    }

    @Test
    void aRepeatedOrStaleAnswerDecidesNothing() {
        saga.given(orderPlaced());
        Delivery first = saga.pending(ORDER_CONFIRMATION);
        saga.answer(ORDER_CONFIRMATION, BOUNCED, PLACED_AT.plusSeconds(1));
        OrderNotifications before = saga.state;

        var staleFailure = NotificationInput.Answered.to(first, BOUNCED, PLACED_AT.plusSeconds(2));
        var staleSuccess = NotificationInput.Answered.to(first, TAKEN, PLACED_AT.plusSeconds(2));

        assertThat(saga.decider.decide(staleFailure, saga.state, DECIDED_AT)).isEmpty();
        assertThat(saga.decider.decide(staleSuccess, saga.state, DECIDED_AT)).isEmpty();
        assertThat(saga.state).isEqualTo(before);
    }

    @Test
    void messagesDecidedTogetherAreDueTogetherInTheOrderTheyWereDecided() {
        saga.given(orderDispatched(), orderPlaced());

        assertThat(saga.state.dueAt(DECIDED_AT)).extracting(Delivery::template)
                .containsExactly(ORDER_CONFIRMATION, ORDER_DISPATCHED);
    }

    @Test
    void aPendingMessageStillCountsForThePolicySoItIsNeverDecidedTwice() {
        saga.given(orderPlaced());

        assertThat(saga.given(orderPlaced("2"))).noneMatch(fact -> fact instanceof Queued);
        assertThat(saga.state.pending()).hasSize(1);
    }

    @Test
    void foldingTheRecordedFactsRebuildsPendingRetriedAndGivenUpMessages() {
        saga.given(orderPlaced(), orderDispatched());
        saga.answer(ORDER_CONFIRMATION, BOUNCED, PLACED_AT.plusSeconds(1));
        saga.answer(ORDER_DISPATCHED, TAKEN, PLACED_AT.plusSeconds(1));
        saga.answer(ORDER_CONFIRMATION, BOUNCED, PLACED_AT.plusSeconds(3));
        assertThat(saga.decider.fold(saga.log)).isEqualTo(saga.state);

        saga.answer(ORDER_CONFIRMATION, BOUNCED, PLACED_AT.plusSeconds(9));
        assertThat(saga.decider.fold(saga.log)).isEqualTo(saga.state);
        assertThat(saga.state.undeliverable()).containsOnlyKeys(ORDER_CONFIRMATION);
        assertThat(saga.state.isDelivered(ORDER_DISPATCHED)).isTrue();
    }
}
