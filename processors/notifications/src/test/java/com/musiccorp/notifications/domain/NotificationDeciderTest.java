package com.musiccorp.notifications.domain;

import static com.musiccorp.events.CancellationReason.INSUFFICIENT_STOCK;
import static com.musiccorp.events.CancellationReason.ITEM_NOT_FOUND;
import static com.musiccorp.events.NotificationTemplate.ORDER_CANCELLED;
import static com.musiccorp.events.NotificationTemplate.ORDER_CONFIRMATION;
import static com.musiccorp.events.NotificationTemplate.ORDER_DELAYED;
import static com.musiccorp.events.NotificationTemplate.ORDER_DISPATCHED;
import static com.musiccorp.events.NotificationTemplate.ORDER_PROBLEM_APOLOGY;
import static com.musiccorp.events.NotificationTemplate.REFUND_ISSUED;
import static com.musiccorp.notifications.domain.Events.CANCEL_EMAIL;
import static com.musiccorp.notifications.domain.Events.CUSTOMER;
import static com.musiccorp.notifications.domain.Events.DECIDED_AT;
import static com.musiccorp.notifications.domain.Events.EMAIL;
import static com.musiccorp.notifications.domain.Events.NAME;
import static com.musiccorp.notifications.domain.Events.ORDER;
import static com.musiccorp.notifications.domain.Events.dispatchDelayed;
import static com.musiccorp.notifications.domain.Events.itemNotFound;
import static com.musiccorp.notifications.domain.Events.orderCancelled;
import static com.musiccorp.notifications.domain.Events.orderDispatched;
import static com.musiccorp.notifications.domain.Events.orderPlaced;
import static com.musiccorp.notifications.domain.Events.paymentRefunded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.musiccorp.events.NotificationChannel;
import com.musiccorp.events.NotificationSent;
import com.musiccorp.events.StockReserved;
import com.musiccorp.notifications.domain.NotificationFact.ParkedDropped;
import com.musiccorp.notifications.domain.NotificationFact.Parked;
import com.musiccorp.notifications.domain.NotificationFact.Sent;
import com.musiccorp.notifications.domain.NotificationFact.Skipped;
import com.musiccorp.schemas.Causation;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NotificationDeciderTest {

    final Saga saga = new Saga();

    @Nested
    class EachTemplate {

        @Test
        void orderPlacedSendsTheConfirmationToTheCustomer() {
            var placed = orderPlaced();
            saga.given(placed);

            NotificationSent sent = saga.only(ORDER_CONFIRMATION);
            assertThat(sent.getOrderId()).isEqualTo(ORDER);
            assertThat(sent.getCustomerId()).isEqualTo(CUSTOMER);
            assertThat(sent.getRecipient()).isEqualTo(EMAIL);
            assertThat(sent.getChannel()).isEqualTo(NotificationChannel.EMAIL);
            assertThat(sent.getSubject()).isEqualTo("Thank you for your order order-42");
            assertThat(sent.getTriggeredByEventType()).isEqualTo("OrderPlaced");
            assertThat(sent.getMetadata()).isEqualTo(Causation.causedBy(placed.event().getMetadata(),
                    "notifications", "NotificationSent:ORDER_CONFIRMATION", 0, DECIDED_AT));
            assertThat(sent.getMetadata().getCausationId()).isEqualTo(placed.eventId().toString());

            Email email = saga.sent().get(0).email();
            assertThat(email.messageId()).isEqualTo(sent.getMetadata().getEventId());
            assertThat(email.toAddress()).isEqualTo(EMAIL);
            assertThat(email.body()).startsWith("Dear " + NAME + ",").contains("25.99 GBP");
        }

        @Test
        void orderDispatchedSendsTheTrackingNumber() {
            var dispatched = orderDispatched();
            saga.given(orderPlaced(), dispatched);

            NotificationSent sent = saga.only(ORDER_DISPATCHED);
            assertThat(sent.getSubject()).isEqualTo("Your order order-42 is on its way");
            assertThat(sent.getTriggeredByEventType()).isEqualTo("OrderDispatched");
            assertThat(sent.getMetadata()).isEqualTo(Causation.causedBy(dispatched.event().getMetadata(),
                    "notifications", "NotificationSent:ORDER_DISPATCHED", 0, DECIDED_AT));
            assertThat(saga.sent().get(1).email().body()).contains("Royal Mail", "RM123456789GB");
        }

        @Test
        void theFirstDispatchDelaySendsOneDelayNotice() {
            saga.given(orderPlaced(), dispatchDelayed(1), dispatchDelayed(2), dispatchDelayed(3));

            assertThat(saga.templates()).containsExactly(ORDER_CONFIRMATION, ORDER_DELAYED);
            assertThat(saga.only(ORDER_DELAYED).getSubject()).isEqualTo("Your order order-42 is delayed");
        }

        @Test
        void aDelayReadAfterTheDispatchIsStaleAndSendsNothing() {
            saga.given(orderPlaced(), orderDispatched());

            List<NotificationFact> facts = saga.given(dispatchDelayed(1));

            assertThat(facts).singleElement().isInstanceOf(Skipped.class);
            assertThat(saga.templates()).containsExactly(ORDER_CONFIRMATION, ORDER_DISPATCHED);
        }

        @Test
        void orderCancelledSendsTheCancellationToTheAddressItCarries() {
            var cancelled = orderCancelled(INSUFFICIENT_STOCK);
            saga.given(orderPlaced(), cancelled);

            NotificationSent sent = saga.only(ORDER_CANCELLED);
            assertThat(sent.getRecipient()).isEqualTo(CANCEL_EMAIL);
            assertThat(sent.getSubject()).isEqualTo("Your order order-42 has been cancelled");
            assertThat(sent.getMetadata()).isEqualTo(Causation.causedBy(cancelled.event().getMetadata(),
                    "notifications", "NotificationSent:ORDER_CANCELLED", 0, DECIDED_AT));
            assertThat(saga.templates()).containsExactly(ORDER_CONFIRMATION, ORDER_CANCELLED);
        }

        @Test
        void paymentRefundedSendsTheRefundNoticeWithTheAmount() {
            saga.given(orderPlaced(), paymentRefunded());

            NotificationSent sent = saga.only(REFUND_ISSUED);
            assertThat(sent.getSubject()).isEqualTo("Your refund of 25.99 GBP for order order-42");
            assertThat(sent.getRecipient()).isEqualTo(EMAIL);
            assertThat(sent.getTriggeredByEventType()).isEqualTo("PaymentRefunded");
        }

        @Test
        void anItemNotFoundAfterTheConfirmationSendsTheApology() {
            var missing = itemNotFound("1");
            saga.given(orderPlaced(), missing);

            NotificationSent sent = saga.only(ORDER_PROBLEM_APOLOGY);
            assertThat(sent.getSubject()).isEqualTo("We are sorry: a problem with your order order-42");
            assertThat(sent.getRecipient()).isEqualTo(EMAIL);
            assertThat(sent.getMetadata()).isEqualTo(Causation.causedBy(missing.event().getMetadata(),
                    "notifications", "NotificationSent:ORDER_PROBLEM_APOLOGY", 0, DECIDED_AT));
        }

        @Test
        void theWholeItemNotFoundPathSendsConfirmationApologyCancellationAndRefund() {
            saga.given(orderPlaced(), itemNotFound("1"), paymentRefunded(), orderCancelled(ITEM_NOT_FOUND));

            assertThat(saga.templates()).containsExactly(ORDER_CONFIRMATION, ORDER_PROBLEM_APOLOGY, REFUND_ISSUED,
                    ORDER_CANCELLED);
            assertThat(saga.sent()).extracting(s -> s.event().getMetadata().getEventId()).doesNotHaveDuplicates();
        }
    }

    @Nested
    class OneApology {

        @Test
        void severalItemNotFoundAndTheCancellationGiveOneApology() {
            saga.given(orderPlaced(), itemNotFound("line-1"), itemNotFound("line-2"), itemNotFound("line-3"),
                    orderCancelled(ITEM_NOT_FOUND));

            assertThat(saga.templates()).containsExactly(ORDER_CONFIRMATION, ORDER_PROBLEM_APOLOGY, ORDER_CANCELLED);
        }

        @Test
        void aCancellationForAMissingItemApologisesIfItsItemNotFoundHasNotBeenReadYet() {
            var cancelled = orderCancelled(ITEM_NOT_FOUND);
            saga.given(orderPlaced(), cancelled, itemNotFound("1"));

            assertThat(saga.templates()).containsExactly(ORDER_CONFIRMATION, ORDER_CANCELLED, ORDER_PROBLEM_APOLOGY);
            assertThat(saga.only(ORDER_PROBLEM_APOLOGY).getMetadata().getCausationId())
                    .isEqualTo(cancelled.eventId().toString());
        }

        @Test
        void noConfirmationMeansNoApology() {
            saga.given(itemNotFound("1"), orderCancelled(ITEM_NOT_FOUND), itemNotFound("2"), orderPlaced());

            assertThat(saga.templates()).containsExactly(ORDER_CANCELLED);
        }

        @Test
        void aCancellationForAnotherReasonIsNoApology() {
            saga.given(orderPlaced(), orderCancelled(INSUFFICIENT_STOCK));

            assertThat(saga.templates()).doesNotContain(ORDER_PROBLEM_APOLOGY);
        }
    }

    @Nested
    class Duplicates {

        @Test
        void aRedeliveredEventDecidesNothing() {
            List<NotificationInput> inputs = List.of(orderPlaced(), dispatchDelayed(1), orderDispatched(),
                    itemNotFound("1"), paymentRefunded(), orderCancelled(ITEM_NOT_FOUND));
            for (NotificationInput input : inputs) {
                saga.given(input);
                OrderNotifications before = saga.state;

                assertThat(saga.given(input)).as("redelivered %s", input.typeName()).isEmpty();
                assertThat(saga.state).isEqualTo(before);
            }
        }

        @Test
        void aRedeliveredEventThatWasParkedDecidesNothing() {
            saga.given(orderDispatched());

            assertThat(saga.given(orderDispatched())).isEmpty();
        }

        @Test
        void aRepeatedEventWithANewIdSendsNoSecondMessage() {
            saga.given(orderPlaced("1"), orderPlaced("again"));

            assertThat(saga.templates()).containsExactly(ORDER_CONFIRMATION);
            assertThat(saga.log.get(saga.log.size() - 1)).isInstanceOf(NotificationFact.RecipientKnown.class);
        }

        @Test
        void decidingTheSameInputOnTheSameStateGivesIdenticalEvents() {
            var decider = new NotificationDecider();

            assertThat(decider.decide(orderPlaced(), decider.initialState(), DECIDED_AT))
                    .isEqualTo(decider.decide(orderPlaced(), decider.initialState(), DECIDED_AT));
        }
    }

    @Nested
    class OutOfOrder {

        @Test
        void aCancellationReadBeforeTheOrderIsSentWithItsOwnFields() {
            saga.given(orderCancelled(INSUFFICIENT_STOCK));

            NotificationSent sent = saga.only(ORDER_CANCELLED);
            assertThat(sent.getRecipient()).isEqualTo(CANCEL_EMAIL);
            assertThat(sent.getCustomerId()).isEqualTo(CUSTOMER);
            assertThat(saga.sent().get(0).email().toName()).isEqualTo(NAME);
        }

        @Test
        void noConfirmationAfterTheCancellationWasSent() {
            saga.given(orderCancelled(INSUFFICIENT_STOCK));

            List<NotificationFact> facts = saga.given(orderPlaced());

            assertThat(Saga.templates(facts)).isEmpty();
            assertThat(saga.templates()).containsExactly(ORDER_CANCELLED);
            assertThat(saga.state.recipient().email()).as("the order's own customer is remembered").isEqualTo(EMAIL);
        }

        @Test
        void noConfirmationOnceAnItemIsKnownMissing() {
            saga.given(itemNotFound("1"), orderPlaced());

            assertThat(saga.templates()).isEmpty();
        }

        @Test
        void aDispatchReadBeforeTheOrderWaitsForTheAddressThenFollowsTheConfirmation() {
            var dispatched = orderDispatched();
            List<NotificationFact> early = saga.given(dispatched);
            assertThat(early).singleElement().isInstanceOf(Parked.class);

            saga.given(orderPlaced());

            assertThat(saga.templates()).containsExactly(ORDER_CONFIRMATION, ORDER_DISPATCHED);
            NotificationSent sent = saga.only(ORDER_DISPATCHED);
            assertThat(sent.getRecipient()).isEqualTo(EMAIL);
            assertThat(sent.getMetadata()).as("derived from the dispatch, not from the order")
                    .isEqualTo(Causation.causedBy(dispatched.event().getMetadata(), "notifications",
                            "NotificationSent:ORDER_DISPATCHED", 0, DECIDED_AT));
            assertThat(saga.state.parked()).isEmpty();
        }

        @Test
        void aParkedDelayIsDroppedWhenTheDispatchIsAlsoKnown() {
            saga.given(dispatchDelayed(1), orderDispatched(), orderPlaced());

            assertThat(saga.templates()).containsExactly(ORDER_CONFIRMATION, ORDER_DISPATCHED);
            assertThat(saga.state.parked()).isEmpty();
        }

        @Test
        void aRefundReadBeforeTheCancellationIsSentWithIt() {
            saga.given(paymentRefunded(), orderCancelled(ITEM_NOT_FOUND));

            assertThat(saga.templates()).containsExactly(ORDER_CANCELLED, REFUND_ISSUED);
            assertThat(saga.only(REFUND_ISSUED).getRecipient()).isEqualTo(CANCEL_EMAIL);
        }

        @Test
        void aParkedDispatchIsDroppedByTheCancellation() {
            saga.given(orderDispatched());

            List<NotificationFact> facts = saga.given(orderCancelled(INSUFFICIENT_STOCK));

            assertThat(Saga.templates(facts)).containsExactly(ORDER_CANCELLED);
            assertThat(facts).anySatisfy(f -> assertThat(f).isInstanceOf(ParkedDropped.class));
            saga.given(orderPlaced());
            assertThat(saga.templates()).containsExactly(ORDER_CANCELLED);
        }

        @Test
        void noDispatchNoticeAfterTheCancellation() {
            saga.given(orderPlaced(), orderCancelled(INSUFFICIENT_STOCK), orderDispatched(), dispatchDelayed(1));

            assertThat(saga.templates()).containsExactly(ORDER_CONFIRMATION, ORDER_CANCELLED);
        }
    }

    @Nested
    class Inputs {

        @Test
        void onlyTheSixEventsAreInputs() {
            assertThat(NotificationInput.fromEvent(orderPlaced().event())).containsInstanceOf(NotificationInput.Placed.class);
            assertThat(NotificationInput.fromEvent(paymentRefunded().event()))
                    .containsInstanceOf(NotificationInput.Refunded.class);
            assertThat(NotificationInput.fromEvent(new StockReserved())).isEmpty();
            assertThat(NotificationInput.fromEvent(null)).isEmpty();
        }

        @Test
        void anInputForAnotherOrderIsABug() {
            saga.given(orderPlaced());
            var other = orderPlaced();
            other.event().setOrderId("order-43");

            assertThatThrownBy(() -> saga.given(other)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aSecondSentForTheSameTemplateCannotBeFolded() {
            List<NotificationFact> facts = saga.given(orderPlaced());
            Sent confirmation = Saga.sent(facts).get(0);

            assertThatThrownBy(() -> saga.decider.evolve(saga.state, confirmation))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
