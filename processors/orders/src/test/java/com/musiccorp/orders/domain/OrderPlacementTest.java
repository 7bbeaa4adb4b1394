package com.musiccorp.orders.domain;

import com.musiccorp.events.OrderPlaced;
import com.musiccorp.schemas.ContractLimits;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OrderPlacementTest {

    private final OrderPlacement placement = new OrderPlacement(ShippingPolicy.freeFrom(399, 5000));

    private static PlaceOrderRequest withKey(String customerId, String key) {
        PlaceOrderRequest r = Saga.request();
        return new PlaceOrderRequest(customerId, r.customerName(), r.customerEmail(), r.lines(), r.currency(),
                r.shippingAddress(), r.paymentMethodToken(), key);
    }

    private PlaceOrder accepted(PlaceOrderRequest request, java.time.Instant now) {
        OrderPlacement.Result result = placement.place(request, now);
        assertThat(result).isInstanceOf(OrderPlacement.Result.Accepted.class);
        return ((OrderPlacement.Result.Accepted) result).command();
    }

    private static OrderPlaced placedFrom(PlaceOrder command) {
        return (OrderPlaced) OrderDecider.decide(command, OrderDecider.initialState(), command.placedAt()).getFirst();
    }

    @Test
    void a_retried_post_with_the_same_key_is_the_same_order_and_the_same_event() {
        PlaceOrder first = accepted(withKey("cust-1", "key-1"), Saga.T0);
        PlaceOrder retry = accepted(withKey("cust-1", "key-1"), Saga.T0.plusSeconds(30));

        assertThat(retry.orderId()).isEqualTo(first.orderId())
                .isEqualTo(OrderPlacement.orderIdFor("cust-1", "key-1"));
        OrderPlaced event = placedFrom(first);
        assertThat(placedFrom(retry).getMetadata().getEventId()).isEqualTo(event.getMetadata().getEventId());
        assertThat(event.getMetadata().getCorrelationId()).isEqualTo(first.correlationId())
                .isEqualTo(OrderPlacement.correlationIdFor(first.orderId())).isNotEqualTo(first.orderId());
        assertThat(event.getMetadata().getCausationId()).isNull();
        assertThat(event.getMetadata().getProducer()).isEqualTo("orders");
    }

    @Test
    void the_same_key_from_another_customer_is_another_order() {
        assertThat(accepted(withKey("cust-2", "key-1"), Saga.T0).orderId())
                .isNotEqualTo(accepted(withKey("cust-1", "key-1"), Saga.T0).orderId());
        assertThat(OrderPlacement.orderIdFor("a/b", "c")).isNotEqualTo(OrderPlacement.orderIdFor("a", "b/c"));
    }

    @Test
    void without_a_key_nothing_is_placed_since_a_retry_could_not_be_recognised() {
        assertThat(placement.place(withKey("cust-1", null), Saga.T0)).isEqualTo(new OrderPlacement.Result.Refused(
                List.of(new Violation("idempotencyKey", PlaceOrderValidator.KEY_REQUIRED_MESSAGE))));
    }

    @Test
    void the_command_carries_numbered_lines_and_exact_totals() {
        PlaceOrder command = accepted(Saga.request(), Saga.T0);

        assertThat(command.lines()).extracting(Order.Line::lineNumber, Order.Line::sku)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "SKU-1"),
                        org.assertj.core.groups.Tuple.tuple(2, "SKU-2"));
        assertThat(command.totals()).isEqualTo(new OrderTotals(5997, 0, 5997, "GBP"));
        OrderPlaced event = placedFrom(command);
        assertThat(event.getTotal().getAmountMinor()).isEqualTo(5997);
        assertThat(event.getLines().get(0).getUnitPrice().getAmountMinor()).isEqualTo(2499);
        assertThat(event.getPlacedAt()).isEqualTo(Saga.T0);
    }

    @Test
    void an_invalid_request_is_refused_with_every_violation_and_uses_no_id() {
        PlaceOrderRequest r = Saga.request();
        PlaceOrderRequest bad = new PlaceOrderRequest(r.customerId(), r.customerName(), "nope", List.of(), "XYZ",
                r.shippingAddress(), r.paymentMethodToken(), "key-1");

        OrderPlacement.Result result = placement.place(bad, Saga.T0);

        assertThat(result).isInstanceOf(OrderPlacement.Result.Refused.class);
        assertThat(((OrderPlacement.Result.Refused) result).violations()).extracting(Violation::field)
                .containsExactly("customerEmail", "lines", "currency");
    }

    @Test
    void the_largest_order_the_limits_allow_is_priced_exactly() {
        PlaceOrderRequest r = Saga.request();
        List<PlaceOrderRequest.Line> lines = new java.util.ArrayList<>();
        for (int i = 0; i < ContractLimits.MAX_LINES_PER_ORDER; i++) {
            lines.add(new PlaceOrderRequest.Line("SKU-" + i, "T", "A", "CD", ContractLimits.MAX_QUANTITY,
                    ContractLimits.MAX_UNIT_PRICE_MINOR));
        }
        PlaceOrderRequest largest = new PlaceOrderRequest(r.customerId(), r.customerName(), r.customerEmail(), lines,
                r.currency(), r.shippingAddress(), r.paymentMethodToken(), "key-1");

        long expected = (long) ContractLimits.MAX_LINES_PER_ORDER * ContractLimits.MAX_QUANTITY
                * ContractLimits.MAX_UNIT_PRICE_MINOR;
        assertThat(accepted(largest, Saga.T0).totals().totalMinor()).isEqualTo(expected).isLessThan(Long.MAX_VALUE / 1000);
    }

    @Test
    void quantities_and_prices_that_would_overflow_a_total_are_refused_before_pricing() {
        PlaceOrderRequest r = Saga.request();
        PlaceOrderRequest huge = new PlaceOrderRequest(r.customerId(), r.customerName(), r.customerEmail(),
                List.of(new PlaceOrderRequest.Line("SKU-1", "T", "A", "CD", Integer.MAX_VALUE, Long.MAX_VALUE / 2)),
                r.currency(), r.shippingAddress(), r.paymentMethodToken(), "key-1");

        assertThat(placement.place(huge, Saga.T0)).isEqualTo(new OrderPlacement.Result.Refused(List.of(
                new Violation("lines[0].quantity", "must be at most " + ContractLimits.MAX_QUANTITY),
                new Violation("lines[0].unitPriceMinor", "must be at most " + ContractLimits.MAX_UNIT_PRICE_MINOR))));
    }
}
