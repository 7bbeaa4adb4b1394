package com.musiccorp.orders.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A validated, priced order ready to be placed; built by {@link OrderPlacement} from a
 * {@link PlaceOrderRequest}, never from raw input.
 *
 * @param correlationId the new saga's id, carried by every event of the order in every context
 * @param commandId identifies the POST for {@code Causation.fromCommand}: the same for a retry
 *                  with the same idempotency key, so the retry yields the same event id
 */
public record PlaceOrder(
        String orderId,
        String correlationId,
        String commandId,
        String customerId,
        String customerName,
        String customerEmail,
        List<Order.Line> lines,
        OrderTotals totals,
        Order.Address shippingAddress,
        String paymentMethodToken,
        Instant placedAt) implements OrderInput {

    public PlaceOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(placedAt, "placedAt");
        lines = List.copyOf(lines);
    }

    /**
     * The same order with the customer's name and e-mail and the address's name and street lines
     * replaced by {@code seal} of them: what is written to the event, so no personal field leaves
     * the request in the clear. City, postal code and country stay as they are (parcels are routed by them).
     */
    public PlaceOrder withPersonalFields(UnaryOperator<String> seal) {
        return new PlaceOrder(orderId, correlationId, commandId, customerId, seal.apply(customerName),
                seal.apply(customerEmail), lines, totals, shippingAddress == null ? null : shippingAddress.withPersonalFields(seal),
                paymentMethodToken, placedAt);
    }

    /** Whether {@code other} asks for the same order, ignoring when it was sent. */
    boolean sameOrderAs(Order.Placement other) {
        return customerId.equals(other.customerId())
                && customerName.equals(other.customerName())
                && customerEmail.equals(other.customerEmail())
                && lines.equals(other.lines())
                && totals.equals(other.totals())
                && shippingAddress.equals(other.shippingAddress())
                && paymentMethodToken.equals(other.paymentMethodToken());
    }
}
