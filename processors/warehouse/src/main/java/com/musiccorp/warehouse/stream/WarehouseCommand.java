package com.musiccorp.warehouse.stream;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.musiccorp.warehouse.domain.FulfilmentInput;

import java.time.Instant;
import java.util.Objects;

/**
 * A command on {@code warehouse.commands} (keyed by order id, JSON with a {@code "type"}), written by
 * the warehouse's own HTTP API and decided by its topology against the order's live state. A command
 * is a request, not a fact: what it decided is on warehouse.events.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = WarehouseCommand.RetryDispatch.class, name = "RetryDispatch")})
public sealed interface WarehouseCommand {

    String orderId();

    /** The request's idempotency key: the same id is the same command. */
    String commandId();

    Instant requestedAt();

    FulfilmentInput toInput();

    /**
     * Try the carrier once more after dispatch failed. {@code correlationId} is the saga's, as the
     * HTTP API read it from the order's state; it labels the command record.
     */
    record RetryDispatch(String orderId, String correlationId, String commandId, Instant requestedAt)
            implements WarehouseCommand {
        public RetryDispatch {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(correlationId, "correlationId");
            Objects.requireNonNull(commandId, "commandId");
            Objects.requireNonNull(requestedAt, "requestedAt");
        }

        @Override
        public FulfilmentInput toInput() {
            return FulfilmentInput.RetryDispatch.of(orderId, correlationId, commandId, requestedAt);
        }
    }
}
