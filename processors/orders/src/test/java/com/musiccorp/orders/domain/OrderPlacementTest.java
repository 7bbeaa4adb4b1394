package com.musiccorp.orders.domain;

import com.musiccorp.events.OrderPlaced;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class OrderPlacementTest {

    private static final UUID FIRST = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID SECOND = UUID.fromString("22222222-2222-2222-2222-222222222222");

    private final Iterator<UUID> ids = List.of(FIRST, SECOND).iterator();
    private final OrderPlacement placement = new OrderPlacement(ShippingPolicy.freeFrom(399, 5000), ids::next);

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
        return (OrderPlaced) OrderDecider.decide(command, OrderDecider.initialState()).getFirst();
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
    void without_a_key_each_post_is_a_new_order_named_by_the_random_source() {
        PlaceOrder first = accepted(withKey("cust-1", null), Saga.T0);
        PlaceOrder second = accepted(withKey("cust-1", null), Saga.T0);

        assertThat(first.orderId()).isEqualTo(FIRST.toString());
        assertThat(second.orderId()).isEqualTo(SECOND.toString());
        assertThat(placedFrom(first).getMetadata().getEventId())
                .isNotEqualTo(placedFrom(second).getMetadata().getEventId());
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
                r.shippingAddress(), r.paymentMethodToken(), null);

        OrderPlacement.Result result = placement.place(bad, Saga.T0);

        assertThat(result).isInstanceOf(OrderPlacement.Result.Refused.class);
        assertThat(((OrderPlacement.Result.Refused) result).violations()).extracting(Violation::field)
                .containsExactly("customerEmail", "lines", "currency");
        assertThat(accepted(withKey("cust-1", null), Saga.T0).orderId()).isEqualTo(FIRST.toString());
    }

    @Test
    void a_total_too_large_to_charge_is_refused() {
        PlaceOrderRequest r = Saga.request();
        PlaceOrderRequest huge = new PlaceOrderRequest(r.customerId(), r.customerName(), r.customerEmail(),
                List.of(new PlaceOrderRequest.Line("SKU-1", "T", "A", "CD", Integer.MAX_VALUE, Long.MAX_VALUE / 2)),
                r.currency(), r.shippingAddress(), r.paymentMethodToken(), null);

        assertThat(placement.place(huge, Saga.T0)).isEqualTo(new OrderPlacement.Result.Refused(
                List.of(new Violation("lines", "the order total is too large to charge"))));
    }
}
