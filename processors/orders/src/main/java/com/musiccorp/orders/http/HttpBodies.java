package com.musiccorp.orders.http;

import com.musiccorp.orders.domain.Order;
import com.musiccorp.orders.domain.OrderView;
import com.musiccorp.orders.domain.PlaceOrderRequest;
import com.musiccorp.orders.domain.Violation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The JSON bodies of the orders API; the domain's records are read and written as they are. */
@SerdeImport(PlaceOrderRequest.class)
@SerdeImport(PlaceOrderRequest.Line.class)
@SerdeImport(PlaceOrderRequest.ShippingAddress.class)
@SerdeImport(OrderView.class)
@SerdeImport(Order.Line.class)
@SerdeImport(Order.Address.class)
@SerdeImport(Order.HistoryEntry.class)
final class HttpBodies {

    private HttpBodies() {
    }

    /** 202 to {@code POST /orders}; with the saga's correlation id, which every event of the order carries. */
    @Serdeable
    record OrderAccepted(String orderId, String correlationId, @Nullable String position) {
    }

    /** The body of {@code POST /orders/{id}/cancellation}: the operator's words, quoted to the customer. */
    @Serdeable
    record CancellationRequest(@Nullable String reason) {
    }

    /** 202 to a cancellation: the command is queued for the order's saga. */
    @Serdeable
    record CancellationAccepted(String orderId, String correlationId, String commandId, String position) {
    }

    /** Every error: what went wrong and, for a refused order, each field at fault. */
    @Serdeable
    record Problem(String message, List<FieldViolation> violations) {

        static Problem of(String message) {
            return new Problem(message, List.of());
        }

        static Problem refused(List<Violation> violations) {
            return new Problem("the order was refused: " + violations.size()
                    + (violations.size() == 1 ? " violation" : " violations"),
                    violations.stream().map(FieldViolation::of).toList());
        }
    }

    @Serdeable
    record FieldViolation(String field, String message) {

        static FieldViolation of(Violation v) {
            // The key travels in a header, not in the body the other field paths refer to.
            String field = v.field().equals("idempotencyKey") ? "Idempotency-Key" : v.field();
            return new FieldViolation(field, v.message());
        }
    }

}
