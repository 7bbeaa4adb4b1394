package com.musiccorp.loyalty.domain;

import static com.musiccorp.loyalty.domain.Events.CUSTOMER;
import static com.musiccorp.loyalty.domain.Events.ORDER;
import static com.musiccorp.loyalty.domain.Events.money;
import static com.musiccorp.loyalty.domain.Events.orderDispatched;
import static com.musiccorp.loyalty.domain.Events.orderDispatchedWithoutTotal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.musiccorp.events.EventRejected;
import com.musiccorp.events.PointsAwarded;
import com.musiccorp.schemas.Causation;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Given dispatches on warehouse.events, then what loyalty writes to loyalty.events. */
class LoyaltyTest {

    final Loyalty loyalty = new Loyalty();

    @Test
    void dispatchAwardsTheTotalItCarriesInMajorUnitsRoundedDown() {
        var dispatched = orderDispatched();

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
        assertThat(loyalty.order(ORDER).terms()).isEqualTo(new OrderTerms(CUSTOMER, new Amount(2599, "GBP")));
        assertThat(loyalty.balance(CUSTOMER).balance()).isEqualTo(25);
    }

    @Test
    void aDispatchWrittenBeforeItCarriedTheTotalIsRejectedAndAwardsNothing() {
        var old = orderDispatchedWithoutTotal(ORDER, CUSTOMER, "1");

        var out = loyalty.given(old);

        assertThat(out).singleElement().isInstanceOfSatisfying(EventRejected.class, rejected -> {
            assertThat(rejected.getRejectedEventId()).isEqualTo(old.inputId().toString());
            assertThat(rejected.getReason()).isEqualTo("OrderDispatched in state NEW: it carries no orderTotal"
                    + " (written before OrderDispatched v3), so the order's points are not known");
        });
        assertThat(loyalty.balance(CUSTOMER).balance()).isZero();
        assertThat(loyalty.given(old)).as("redelivered").isEmpty();
    }

    @Test
    void anOrderWhoseTermsAnEarlierVersionReadFromOrderPlacedIsCreditedFromThem() {
        // A store written when loyalty still read OrderPlaced: the terms are known, the dispatch awaited.
        loyalty.orders.put(ORDER, new OrderPoints(ORDER, new OrderTerms(CUSTOMER, new Amount(4599, "GBP")),
                new OrderPoints.Stage.AwaitingDispatch(), List.of()));

        var out = loyalty.given(orderDispatchedWithoutTotal(ORDER, CUSTOMER, "1"));

        assertThat(out).singleElement().isInstanceOfSatisfying(PointsAwarded.class, awarded ->
                assertThat(awarded.getPoints()).isEqualTo(45));
        assertThat(loyalty.order(ORDER).stage()).isInstanceOf(OrderPoints.Stage.Credited.class);
    }

    @Test
    void redeliveredDispatchDecidesNothing() {
        loyalty.given(orderDispatched());

        assertThat(loyalty.given(orderDispatched())).isEmpty();
        assertThat(loyalty.balance(CUSTOMER).balance()).isEqualTo(25);
    }

    @Test
    void secondDispatchIsRejectedAndAwardsNothing() {
        loyalty.given(orderDispatched());
        var second = orderDispatched(ORDER, CUSTOMER, 2599, "GBP", "again");

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
    void aDispatchParkedByAnEarlierVersionIsNotCreditedTwice() {
        var parked = orderDispatchedWithoutTotal(ORDER, CUSTOMER, "1");
        loyalty.orders.put(ORDER, new OrderPoints(ORDER, null,
                new OrderPoints.Stage.DispatchedBeforeOrder(parked.cause()), List.of(parked.inputId())));

        var out = loyalty.given(orderDispatched(ORDER, CUSTOMER, 2599, "GBP", "again"));

        assertThat(out).singleElement().isInstanceOfSatisfying(EventRejected.class, rejected ->
                assertThat(rejected.getReason()).startsWith("OrderDispatched in state DISPATCHED_BEFORE_ORDER:"));
        assertThat(loyalty.balance(CUSTOMER).balance()).isZero();
    }

    @Test
    void balanceAddsUpAcrossTheOrdersOfACustomer() {
        loyalty.given(
                orderDispatched("o-1", CUSTOMER, 1000, "GBP", "1"),
                orderDispatched("o-3", "cust-other", 7000, "GBP", "1"),
                orderDispatched("o-2", CUSTOMER, 4550, "GBP", "1"),
                orderDispatched("o-4", CUSTOMER, 99, "GBP", "1"));

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
        loyalty.given(orderDispatched("o-yen", CUSTOMER, 4500, "JPY", "1"));
        loyalty.given(orderDispatched("o-bhd", CUSTOMER, 12999, "BHD", "1"));

        assertThat(loyalty.balance(CUSTOMER).pointsFor("o-yen")).contains(4500L);
        assertThat(loyalty.balance(CUSTOMER).pointsFor("o-bhd")).contains(12L);
    }

    @Test
    void anInputForAnotherOrderIsAProgrammingError() {
        loyalty.given(orderDispatched());
        OrderPoints state = loyalty.order(ORDER);

        assertThatThrownBy(() -> loyalty.orderDecider.decide(orderDispatched("other", CUSTOMER, 100, "GBP", "1"), state,
                Events.DECIDED_AT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fromEventSkipsWhatLoyaltyDoesNotReadAndMapsWhatItDoes() {
        assertThat(OrderInput.fromEvent("not an event")).isEmpty();
        assertThat(OrderInput.fromEvent(null)).isEmpty();
        assertThat(OrderInput.fromEvent(orderDispatched().event())).contains(orderDispatched());
    }
}
