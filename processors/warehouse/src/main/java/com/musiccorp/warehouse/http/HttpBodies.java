package com.musiccorp.warehouse.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** The JSON bodies of the warehouse API. */
final class HttpBodies {

    private HttpBodies() {
    }

    /**
     * {@code POST /stock/{sku}/receipts}; {@code receiptId} is the receipt's identity (generated when
     * absent): the same id is the same receipt, counted once.
     */
    @Serdeable
    record Receipt(@Nullable String title, @Nullable String artist, @Nullable String format,
            @Nullable Integer quantity, @Nullable String receiptId) {
    }

    /** {@code POST /stock/{sku}/adjustments}; {@code adjustmentId} is the idempotency key. */
    @Serdeable
    record Adjustment(@Nullable Integer quantityDelta, @Nullable String reason, @Nullable String adjustmentId) {
    }

    /** 202 to a receipt or an adjustment: the event is on warehouse.stock. */
    @Serdeable
    record Accepted(String sku, String eventId, String id) {
    }

    /** {@code GET /stock/{sku}}: the counts, and a page of the holds on the shelf ({@code reservedByOrder}). */
    @Serdeable
    record StockView(String sku, @Nullable String title, @Nullable String artist, @Nullable String format,
            int onHand, int available, int reserved, int packed, int missing, long shipped,
            @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, Integer> reservedByOrder,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String nextHoldsAfter) {
    }

    /** 202 to {@code POST /fulfilments/{orderId}/dispatch-retries}: the command is on warehouse.commands. */
    @Serdeable
    record RetryAccepted(String orderId, String commandId) {
    }

    /**
     * {@code GET /fulfilments/{orderId}}. Times are ISO-8601 instants; {@code dispatchAttempts} counts
     * carrier attempts made; {@code nextAttemptAt} is when the next one is due (none once dispatched,
     * failed or released).
     */
    @Serdeable
    record FulfilmentView(String orderId, String correlationId, String status, List<LineView> lines,
            @Nullable String packageId, int dispatchAttempts, @Nullable String nextAttemptAt,
            @Nullable String lastFailure, @Nullable String carrier, @Nullable String trackingNumber,
            @Nullable String releaseReason) {
    }

    /** One order line and where its units stand: AWAITING, RESERVED, SHORT, PICKING, PICKED, MISSING, PACKED, SHIPPED, RELEASED. */
    @Serdeable
    record LineView(int lineNumber, String sku, int quantity, String state) {
    }

    @Serdeable
    record Problem(String message, List<FieldViolation> violations) {
        static Problem of(String message) {
            return new Problem(message, List.of());
        }
    }

    @Serdeable
    record FieldViolation(String field, String message) {
    }

}
