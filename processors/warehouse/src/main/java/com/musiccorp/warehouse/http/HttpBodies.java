package com.musiccorp.warehouse.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** The JSON bodies of the warehouse API. */
final class HttpBodies {

    private HttpBodies() {
    }

    /** {@code POST /stock/{sku}/receipts}; {@code receiptId} is the idempotency key (generated when absent). */
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

    /** {@code GET /stock/{sku}}. */
    @Serdeable
    record StockView(String sku, @Nullable String title, @Nullable String artist, @Nullable String format,
            int onHand, int available, int reserved, int missing, int shipped, Map<String, Integer> reservedByOrder) {
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

    @Serdeable
    record Readiness(String status, String streams) {
    }
}
