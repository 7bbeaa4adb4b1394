package com.musiccorp.orders.http;

import com.musiccorp.orders.domain.Order;
import com.musiccorp.orders.domain.OrderView;
import com.musiccorp.orders.domain.PlaceOrderRequest;
import com.musiccorp.orders.domain.Violation;
import com.musiccorp.platform.http.StrictJson;
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

    /**
     * The answer to {@code DELETE /customers/{id}/personal-data}: the customer's personal data is
     * erased everywhere it was sealed; {@code keysDestroyed} now (0 when it already was, or there was none).
     */
    @Serdeable
    record Erasure(String customerId, int keysDestroyed, String personalData) {
    }

    /** The body of {@code POST /orders/{id}/cancellation}: the operator's words, quoted to the customer. */
    @Serdeable
    record CancellationRequest(@Nullable String reason) {
    }

    /** 202 to a cancellation: the command is queued for the order's saga (or was, for a repeat). */
    @Serdeable
    record CancellationAccepted(String orderId, String correlationId, String commandId, @Nullable String position) {
    }

    /** Every error: what went wrong and, for a refused order, each field at fault. */
    @Serdeable
    record Problem(String message, List<FieldViolation> violations) {

        static Problem of(String message) {
            return new Problem(message, List.of());
        }

        static Problem refused(List<Violation> violations) {
            return refused("order", violations.stream().map(FieldViolation::of).toList());
        }

        /** {@code what} (the order, the cancellation, the query) was refused for each of {@code violations}. */
        static Problem refused(String what, List<FieldViolation> violations) {
            return new Problem("the " + what + " was refused: " + violations.size()
                    + (violations.size() == 1 ? " violation" : " violations"), violations);
        }

        /**
         * A body {@link StrictJson} would not read: each field of the wrong JSON type, or, when it is
         * not one JSON object, the whole body.
         */
        static Problem unreadable(StrictJson.Refused refused) {
            List<FieldViolation> violations = refused.wrongTypes().isEmpty()
                    ? List.of(new FieldViolation(BODY, refused.getMessage()))
                    : refused.wrongTypes().stream().map(w -> new FieldViolation(w.field(), w.message())).toList();
            return new Problem(refused.getMessage(), violations);
        }
    }

    /** The field of a violation of the whole body: it is missing, or not one JSON object. */
    static final String BODY = "body";

    @Serdeable
    record FieldViolation(String field, String message) {

        static FieldViolation of(Violation v) {
            // The key travels in a header, not in the body the other field paths refer to; the
            // domain's root path "" is the body itself.
            String field = switch (v.field()) {
                case "idempotencyKey" -> "Idempotency-Key";
                case "" -> BODY;
                default -> v.field();
            };
            return new FieldViolation(field, v.message());
        }
    }

}
