package com.musiccorp.orders.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderTotalsTest {

    private static final List<OrderTotals.Priced> LINES = List.of(
            new OrderTotals.Priced(3, 1999), new OrderTotals.Priced(1, 1)); // 59.97 + 0.01

    @Test
    void subtotal_is_the_exact_sum_of_quantity_times_unit_price() {
        OrderTotals totals = OrderTotals.of(LINES, ShippingPolicy.flat(0), "GBP");

        assertThat(totals).isEqualTo(new OrderTotals(5998, 0, 5998, "GBP"));
    }

    @Test
    void flat_shipping_is_charged_once_per_order() {
        assertThat(OrderTotals.of(LINES, ShippingPolicy.flat(399), "GBP"))
                .isEqualTo(new OrderTotals(5998, 399, 6397, "GBP"));
    }

    @Test
    void shipping_is_free_from_the_threshold_inclusive() {
        assertThat(OrderTotals.of(LINES, ShippingPolicy.freeFrom(399, 5998), "GBP").shippingCostMinor()).isZero();
        assertThat(OrderTotals.of(LINES, ShippingPolicy.freeFrom(399, 5999), "GBP").shippingCostMinor()).isEqualTo(399);
    }

    @Test
    void amounts_that_would_overflow_are_refused_not_wrapped() {
        assertThatThrownBy(() -> OrderTotals.of(List.of(new OrderTotals.Priced(2, Long.MAX_VALUE / 2 + 1)),
                ShippingPolicy.flat(0), "GBP")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> OrderTotals.of(List.of(new OrderTotals.Priced(1, Long.MAX_VALUE)),
                ShippingPolicy.flat(1), "GBP")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void a_policy_cannot_charge_negative_amounts() {
        assertThatThrownBy(() -> ShippingPolicy.flat(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShippingPolicy.freeFrom(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
