package com.musiccorp.loyalty.domain;

import static com.musiccorp.loyalty.domain.Events.CUSTOMER;
import static com.musiccorp.loyalty.domain.Events.orderDispatched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.musiccorp.events.PointsAwarded;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The customer side on its own: credits arrive re-keyed by customer id, possibly more than once. */
class CustomerBalanceDeciderTest {

    final CustomerBalanceDecider decider = new CustomerBalanceDecider();

    static CreditPoints credit(String orderId, long points) {
        return new CreditPoints(CUSTOMER, orderId, points, new Amount(points * 100 + 50, "GBP"),
                orderDispatched(orderId, CUSTOMER, points * 100 + 50, "GBP", "1").cause());
    }

    @Test
    void aRedeliveredCreditDecidesNothingAndChangesNothing() {
        CustomerBalance state = decider.initialState();
        List<PointsAwarded> first = decider.decide(credit("o-1", 12), state, Events.DECIDED_AT);
        state = decider.evolveAll(state, first);

        assertThat(first).singleElement().satisfies(e -> assertThat(e.getNewBalance()).isEqualTo(12));
        assertThat(decider.decide(credit("o-1", 12), state, Events.DECIDED_AT)).isEmpty();
        // Folding the same award twice (a redelivered changelog or event) credits once.
        assertThat(decider.evolveAll(state, first)).isEqualTo(state);
        assertThat(state.balance()).isEqualTo(12);
    }

    @Test
    void creditIsIdempotentByOrderId() {
        CustomerBalance once = CustomerBalance.initial().credit(CUSTOMER, "o-1", 5);

        assertThat(once.credit(CUSTOMER, "o-1", 5)).isSameAs(once);
        assertThat(once.credit(CUSTOMER, "o-1", 99).balance()).isEqualTo(5);
        assertThat(once.credit(CUSTOMER, "o-2", 7).balance()).isEqualTo(12);
    }

    @Test
    void newBalanceIsTheBalanceAfterTheCredit() {
        CustomerBalance state = decider.initialState();
        List<CreditPoints> credits = List.of(credit("o-1", 3), credit("o-2", 4), credit("o-3", 0));
        long[] expected = {3, 7, 7};
        for (int i = 0; i < credits.size(); i++) {
            List<PointsAwarded> facts = decider.decide(credits.get(i), state, Events.DECIDED_AT);
            state = decider.evolveAll(state, facts);
            long balance = expected[i];
            assertThat(facts).singleElement().satisfies(e -> assertThat(e.getNewBalance()).isEqualTo(balance));
        }
        assertThat(state.balance()).isEqualTo(7);
        assertThat(state.creditedOrders()).isEqualTo(3);
        assertThat(state.recentCredits()).containsExactly(new CustomerBalance.Credit("o-1", 3),
                new CustomerBalance.Credit("o-2", 4), new CustomerBalance.Credit("o-3", 0));
    }

    @Test
    void aCreditForAnotherCustomerIsAProgrammingError() {
        CustomerBalance state = CustomerBalance.initial().credit(CUSTOMER, "o-1", 5);
        var foreign = new CreditPoints("someone-else", "o-9", 1, new Amount(100, "GBP"),
                orderDispatched("o-9", "someone-else", 100, "GBP", "1").cause());

        assertThatThrownBy(() -> decider.decide(foreign, state, Events.DECIDED_AT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> state.credit("someone-else", "o-9", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCustomersBalanceStaysTheSameSizeWhateverTheNumberOfOrders() {
        CustomerBalance state = decider.initialState();
        for (int i = 0; i < 30_000; i++) {
            state = decider.evolveAll(state, decider.decide(credit("o-" + i, 1), state, Events.DECIDED_AT));
        }
        assertThat(state.balance()).isEqualTo(30_000);
        assertThat(state.creditedOrders()).isEqualTo(30_000);
        assertThat(state.recentCredits()).hasSize(CustomerBalance.RECENT_CREDITS);
        assertThat(new com.musiccorp.platform.streams.JsonSerde<>(CustomerBalance.class).serializer()
                .serialize("t", state).length).isLessThan(4_000);
        assertThat(decider.decide(credit("o-29999", 1), state, Events.DECIDED_AT)).as("a redelivered recent credit").isEmpty();
    }
}
