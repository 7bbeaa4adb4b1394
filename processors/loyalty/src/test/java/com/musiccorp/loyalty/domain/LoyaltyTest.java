package com.musiccorp.loyalty.domain;

import static com.musiccorp.loyalty.domain.Events.CUSTOMER;
import static com.musiccorp.loyalty.domain.Events.ORDER;
import static com.musiccorp.loyalty.domain.Events.money;
import static com.musiccorp.loyalty.domain.Events.orderDispatched;
import static com.musiccorp.loyalty.domain.Events.orderPlaced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.musiccorp.events.EventRejected;
import com.musiccorp.events.PointsAwarded;
import com.musiccorp.schemas.Causation;

import org.junit.jupiter.api.Test;

/** Given inputs on orders.events and warehouse.events, then what loyalty writes to loyalty.events. */
class LoyaltyTest {

    final Loyalty loyalty = new Loyalty();

    @Test
    void placedAloneAwardsNothing() {
        assertThat(loyalty.given(orderPlaced())).isEmpty();
        assertThat(loyalty.order(ORDER).stage()).isInstanceOf(OrderPoints.Stage.AwaitingDispatch.class);
        assertThat(loyalty.balance(CUSTOMER).balance()).isZero();
    }

    @Test
    void dispatchAwardsTheTotalInMajorUnitsRoundedDown() {
        var dispatched = orderDispatched();
        loyalty.given(orderPlaced());

        var out = loyalty.given(dispatched);

        assertThat(out).singleElement().isInstanceOfSatisfying(PointsAwarded.class, awarded -> {
            assertThat(awarded.getMetadata())
                    .isEqualTo(Causation.causedBy(dispatched.event().getMetadata(), "loyalty", "PointsAwarded", 0, Events.DECIDED_AT));
            assertThat(awarded.getOrderId()).isEqualTo(ORDER);
            assertThat(awarded.getCustomerId()).isEqualTo(CUSTOMER);
            assertThat(awarded.getPoints()).isEqualTo(25);
            assertThat(awarded.getNewBalance()).isEqualTo(25);
            assertThat(awarded.getOrderTotal()).isEqualTo(money(2599, "GBP"));
        });
        assertThat(loyalty.order(ORDER).stage()).isInstanceOf(OrderPoints.Stage.Credited.class);
        assertThat(loyalty.balance(CUSTOMER).balance()).isEqualTo(25);
    }

    @Test
    void dispatchBeforePlacedWaitsAndAwardsWhenTheOrderArrives() {
        var dispatched = orderDispatched();

        assertThat(loyalty.given(dispatched)).isEmpty();
        assertThat(loyalty.order(ORDER).stage()).isInstanceOf(OrderPoints.Stage.DispatchedBeforeOrder.class);
        assertThat(loyalty.balance(CUSTOMER).balance()).isZero();

        var out = loyalty.given(orderPlaced());

        assertThat(out).singleElement().isInstanceOfSatisfying(PointsAwarded.class, awarded -> {
            // Still caused by the dispatch, so the event is the same whichever arrived first.
            assertThat(awarded.getMetadata())
                    .isEqualTo(Causation.causedBy(dispatched.event().getMetadata(), "loyalty", "PointsAwarded", 0, Events.DECIDED_AT));
            assertThat(awarded.getPoints()).isEqualTo(25);
            assertThat(awarded.getNewBalance()).isEqualTo(25);
        });
    }

    @Test
    void bothArrivalOrdersPublishTheSameEvent() {
        Loyalty other = new Loyalty();
        loyalty.given(orderPlaced(), orderDispatched());
        other.given(orderDispatched(), orderPlaced());

        assertThat(other.published).isEqualTo(loyalty.published);
    }

    @Test
    void redeliveredInputsDecideNothing() {
        loyalty.given(orderPlaced(), orderDispatched());

        assertThat(loyalty.given(orderPlaced(), orderDispatched())).isEmpty();
        assertThat(loyalty.balance(CUSTOMER).balance()).isEqualTo(25);
    }

    @Test
    void redeliveredParkedDispatchDecidesNothing() {
        loyalty.given(orderDispatched());

        assertThat(loyalty.given(orderDispatched())).isEmpty();
        assertThat(loyalty.given(orderPlaced())).hasSize(1);
        assertThat(loyalty.given(orderDispatched(), orderPlaced())).isEmpty();
    }

    @Test
    void secondDispatchIsRejectedAndAwardsNothing() {
        loyalty.given(orderPlaced(), orderDispatched());
        var second = orderDispatched(ORDER, CUSTOMER, "again");

        var out = loyalty.given(second);

        assertThat(out).singleElement().isInstanceOfSatisfying(EventRejected.class, rejected -> {
            assertThat(rejected.getMetadata())
                    .isEqualTo(Causation.causedBy(second.event().getMetadata(), "loyalty", "EventRejected", 0, Events.DECIDED_AT));
            assertThat(rejected.getOrderId()).isEqualTo(ORDER);
            assertThat(rejected.getRejectedEventId()).isEqualTo(second.inputId().toString());
            assertThat(rejected.getRejectedEventType()).isEqualTo("OrderDispatched");
            assertThat(rejected.getReason()).startsWith("OrderDispatched in state CREDITED:")
                    .contains("already awarded");
        });
        assertThat(loyalty.balance(CUSTOMER).balance()).isEqualTo(25);
        assertThat(loyalty.order(ORDER).stage()).isInstanceOf(OrderPoints.Stage.Credited.class);
        // The rejection itself is not repeated on redelivery.
        assertThat(loyalty.given(second)).isEmpty();
    }

    @Test
    void secondDispatchWhileWaitingForTheOrderIsRejected() {
        loyalty.given(orderDispatched());

        var out = loyalty.given(orderDispatched(ORDER, CUSTOMER, "again"));

        assertThat(out).singleElement().isInstanceOfSatisfying(EventRejected.class, rejected ->
                assertThat(rejected.getReason()).startsWith("OrderDispatched in state DISPATCHED_BEFORE_ORDER:"));
        assertThat(loyalty.given(orderPlaced())).singleElement().isInstanceOf(PointsAwarded.class);
    }

    @Test
    void secondOrderPlacedIsRejected() {
        loyalty.given(orderPlaced());

        var out = loyalty.given(orderPlaced(ORDER, CUSTOMER, 9999, "GBP", "again"));

        assertThat(out).singleElement().isInstanceOfSatisfying(EventRejected.class, rejected ->
                assertThat(rejected.getReason()).isEqualTo(
                        "OrderPlaced in state AWAITING_DISPATCH: the order's terms are already known"));
        loyalty.given(orderDispatched());
        assertThat(loyalty.balance(CUSTOMER).balance()).isEqualTo(25);
    }

    @Test
    void balanceAddsUpAcrossTheOrdersOfACustomer() {
        loyalty.given(
                orderPlaced("o-1", CUSTOMER, 1000, "GBP", "1"),
                orderPlaced("o-2", CUSTOMER, 4550, "GBP", "1"),
                orderPlaced("o-3", "cust-other", 7000, "GBP", "1"),
                orderDispatched("o-1", CUSTOMER, "1"),
                orderDispatched("o-3", "cust-other", "1"),
                orderDispatched("o-4", CUSTOMER, "1"),
                orderDispatched("o-2", CUSTOMER, "1"),
                orderPlaced("o-4", CUSTOMER, 99, "GBP", "1"));

        assertThat(loyalty.published).map(PointsAwarded.class::cast)
                .extracting(PointsAwarded::getOrderId, PointsAwarded::getCustomerId, PointsAwarded::getPoints,
                        PointsAwarded::getNewBalance)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("o-1", CUSTOMER, 10L, 10L),
                        org.assertj.core.groups.Tuple.tuple("o-3", "cust-other", 70L, 70L),
                        org.assertj.core.groups.Tuple.tuple("o-2", CUSTOMER, 45L, 55L),
                        org.assertj.core.groups.Tuple.tuple("o-4", CUSTOMER, 0L, 55L));
        assertThat(loyalty.balance(CUSTOMER).balance()).isEqualTo(55);
        assertThat(loyalty.balance(CUSTOMER).creditedOrders()).isEqualTo(3);
        assertThat(loyalty.balance(CUSTOMER).recentCredits()).extracting(CustomerBalance.Credit::orderId)
                .containsExactly("o-1", "o-2", "o-4");
        assertThat(loyalty.balance("cust-other").balance()).isEqualTo(70);
    }

    @Test
    void pointsUseTheCurrencysMinorUnits() {
        loyalty.given(orderPlaced("o-yen", CUSTOMER, 4500, "JPY", "1"), orderDispatched("o-yen", CUSTOMER, "1"));
        loyalty.given(orderPlaced("o-bhd", CUSTOMER, 12999, "BHD", "1"), orderDispatched("o-bhd", CUSTOMER, "1"));

        assertThat(loyalty.balance(CUSTOMER).pointsFor("o-yen")).contains(4500L);
        assertThat(loyalty.balance(CUSTOMER).pointsFor("o-bhd")).contains(12L);
    }

    @Test
    void anInputForAnotherOrderIsAProgrammingError() {
        loyalty.given(orderPlaced());
        OrderPoints state = loyalty.order(ORDER);

        assertThatThrownBy(() -> loyalty.orderDecider.decide(orderDispatched("other", CUSTOMER, "1"), state, Events.DECIDED_AT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fromEventSkipsWhatLoyaltyDoesNotReadAndMapsWhatItDoes() {
        assertThat(OrderInput.fromEvent("not an event")).isEmpty();
        assertThat(OrderInput.fromEvent(null)).isEmpty();
        assertThat(OrderInput.fromEvent(orderPlaced().event())).containsInstanceOf(OrderInput.Placed.class);
        assertThat(OrderInput.fromEvent(orderDispatched().event())).containsInstanceOf(OrderInput.Dispatched.class);
    }
}
