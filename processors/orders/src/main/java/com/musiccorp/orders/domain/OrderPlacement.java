package com.musiccorp.orders.domain;

import com.musiccorp.schemas.Causation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Turns a customer's request into a {@link PlaceOrder}: validates it, prices it and names it.
 *
 * <p>Every request carries an idempotency key (the validator refuses one without), and the order
 * id is a name-based UUID of the customer id and the key: a retried POST names the same order, and
 * {@code Causation.fromCommand} gives its {@code OrderPlaced} the same event id, so an uncertain
 * answer can always be retried without placing or charging twice. The saga's correlation id is a name-based UUID of the order id: distinct from it (a saga is not an
 * order, and tools filter by it), yet the same for a retry.
 */
public final class OrderPlacement {

    private final PlaceOrderValidator validator = new PlaceOrderValidator();
    private final ShippingPolicy shippingPolicy;

    public OrderPlacement(ShippingPolicy shippingPolicy) {
        this.shippingPolicy = Objects.requireNonNull(shippingPolicy, "shippingPolicy");
    }

    /** The outcome of placing: a command to decide, or every reason the request was refused. */
    public sealed interface Result {
        record Accepted(PlaceOrder command) implements Result {
        }

        record Refused(List<Violation> violations) implements Result {
        }
    }

    public Result place(PlaceOrderRequest request, Instant now) {
        List<Violation> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            return new Result.Refused(violations);
        }
        List<Order.Line> lines = new java.util.ArrayList<>();
        for (int i = 0; i < request.lines().size(); i++) {
            PlaceOrderRequest.Line line = request.lines().get(i);
            lines.add(new Order.Line(i + 1, line.sku(), line.title(), line.artist(), line.format(),
                    line.quantity(), line.unitPriceMinor()));
        }
        OrderTotals totals;
        try {
            totals = OrderTotals.of(lines.stream().map(l -> new OrderTotals.Priced(l.quantity(), l.unitPriceMinor())).toList(),
                    shippingPolicy, request.currency());
        } catch (ArithmeticException overflow) {
            return new Result.Refused(List.of(new Violation("lines", "the order total is too large to charge")));
        }
        String orderId = orderIdFor(request.customerId(), request.idempotencyKey());
        PlaceOrderRequest.ShippingAddress a = request.shippingAddress();
        return new Result.Accepted(new PlaceOrder(
                orderId,
                correlationIdFor(orderId),
                orderId,
                request.customerId(),
                request.customerName(),
                request.customerEmail(),
                lines,
                totals,
                new Order.Address(a.name(), a.line1(), a.line2(), a.city(), a.postalCode(), a.countryCode()),
                request.paymentMethodToken(),
                now));
    }

    /** The correlation id of the saga that fulfils {@code orderId}. */
    public static String correlationIdFor(String orderId) {
        return Causation.deterministicId("saga:" + orderId).toString();
    }

    /**
     * The order id a customer's idempotency key stands for. Lengths are part of the name so that
     * ("a/b", "c") and ("a", "b/c") cannot collide.
     */
    public static String orderIdFor(String customerId, String idempotencyKey) {
        return Causation.deterministicId("order:" + customerId.length() + ":" + customerId + ":"
                + idempotencyKey.length() + ":" + idempotencyKey).toString();
    }
}
