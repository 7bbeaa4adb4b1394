package com.musiccorp.loyalty.domain;

import static com.musiccorp.loyalty.domain.Events.CUSTOMER;
import static com.musiccorp.loyalty.domain.Events.ORDER;
import static com.musiccorp.loyalty.domain.Events.orderDispatched;
import static com.musiccorp.loyalty.domain.Events.orderDispatchedWithoutTotal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The live path (decide + evolve) and a rebuild (evolve only, over the recorded facts) must agree
 * for both aggregates, in every path, including rejections and duplicates: that is what lets the
 * topology restore its stores from their changelogs, or replay, without emitting anything.
 */
class FoldReproducesStateTest {

    static Stream<Arguments> paths() {
        return Stream.of(
                path("happy path", l -> l.given(orderDispatched())),
                path("a dispatch without a total", l -> l.given(orderDispatchedWithoutTotal(ORDER, CUSTOMER, "1"))),
                path("duplicates and rejections", l -> l.given(orderDispatched(), orderDispatched(),
                        orderDispatched(ORDER, CUSTOMER, 100, "GBP", "again"),
                        orderDispatchedWithoutTotal(ORDER, CUSTOMER, "old"))),
                path("several orders of two customers, redelivered credits", l -> {
                    l.given(orderDispatched("o-1", CUSTOMER, 1000, "GBP", "1"),
                            orderDispatched("o-2", CUSTOMER, 2050, "GBP", "1"),
                            orderDispatched("o-3", "cust-other", 123456, "GBP", "1"));
                    var credit = (CreditPoints) l.orderFacts.get("o-1").stream()
                            .filter(CreditPoints.class::isInstance).findFirst().orElseThrow();
                    l.credit(credit);
                }));
    }

    static Arguments path(String name, Consumer<Loyalty> script) {
        return Arguments.of(name, script);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void foldOfRecordedFactsEqualsLiveState(String name, Consumer<Loyalty> script) {
        Loyalty loyalty = new Loyalty();
        script.accept(loyalty);

        assertThat(loyalty.orders).isNotEmpty();
        loyalty.orders.forEach((orderId, live) ->
                assertThat(loyalty.orderDecider.fold(loyalty.orderFacts.get(orderId))).as(orderId).isEqualTo(live));
        loyalty.balances.forEach((customerId, live) ->
                assertThat(loyalty.balanceDecider.fold(loyalty.balanceFacts.get(customerId))).as(customerId)
                        .isEqualTo(live));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void replayingTheInputsAgainPublishesNothingMore(String name, Consumer<Loyalty> script) {
        Loyalty loyalty = new Loyalty();
        script.accept(loyalty);
        int published = loyalty.published.size();
        var orders = new java.util.HashMap<>(loyalty.orders);
        var balances = new java.util.HashMap<>(loyalty.balances);

        script.accept(loyalty);

        assertThat(loyalty.published).hasSize(published);
        assertThat(loyalty.orders).isEqualTo(orders);
        assertThat(loyalty.balances).isEqualTo(balances);
    }
}
