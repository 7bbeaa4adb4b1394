package com.musiccorp.warehouse.domain;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.schemas.Causation;

import java.time.Instant;
import java.util.UUID;

/**
 * What one order's fulfilment reacts to: the saga's events of other contexts, the SKUs' answers to
 * its requests, the carrier's answer to a booking, and an operator's command.
 */
public sealed interface FulfilmentInput permits FulfilmentInput.OnOrderPlaced, FulfilmentInput.OnPaymentTaken,
        FulfilmentInput.OnPaymentFailed, LineAnswer, FulfilmentInput.CarrierAnswered,
        FulfilmentInput.RetryDispatch, FulfilmentInput.OnOrderCancelled {

    String orderId();

    /** The input's own metadata; its event id is what de-duplicates a redelivery. */
    EventMetadata metadata();

    /** Name used in EventRejected.rejectedEventType. */
    default String typeName() {
        return getClass().getSimpleName();
    }

    record OnOrderPlaced(OrderPlaced event) implements FulfilmentInput {
        @Override
        public String orderId() {
            return event.getOrderId();
        }

        @Override
        public EventMetadata metadata() {
            return event.getMetadata();
        }

        @Override
        public String typeName() {
            return "OrderPlaced";
        }
    }

    record OnPaymentTaken(PaymentTaken event) implements FulfilmentInput {
        @Override
        public String orderId() {
            return event.getOrderId();
        }

        @Override
        public EventMetadata metadata() {
            return event.getMetadata();
        }

        @Override
        public String typeName() {
            return "PaymentTaken";
        }
    }

    record OnPaymentFailed(PaymentFailed event) implements FulfilmentInput {
        @Override
        public String orderId() {
            return event.getOrderId();
        }

        @Override
        public EventMetadata metadata() {
            return event.getMetadata();
        }

        @Override
        public String typeName() {
            return "PaymentFailed";
        }
    }

    /**
     * The carrier's answer to dispatch attempt {@code attempt}. {@code metadata} is the trigger of the
     * attempt from {@link DispatchRequest#trigger()}: its time is when the attempt was due, and it is
     * the cause of whatever the answer leads to.
     */
    record CarrierAnswered(String orderId, int attempt, DispatchResult result, EventMetadata metadata,
            Instant observedAt) implements FulfilmentInput {
    }

    /**
     * The order was cancelled (OrderCancelled on orders.events). Only a cancellation that leaves stock
     * behind in the warehouse ({@code DISPATCH_FAILED}, {@code OPERATOR}) gives anything back; for the
     * others the warehouse had already released or never reserved.
     */
    record OnOrderCancelled(OrderCancelled event) implements FulfilmentInput {
        @Override
        public String orderId() {
            return event.getOrderId();
        }

        @Override
        public EventMetadata metadata() {
            return event.getMetadata();
        }

        @Override
        public String typeName() {
            return "OrderCancelled";
        }
    }

    /**
     * Operator (through warehouse.commands): try the carrier once more, now, after dispatch failed.
     * What it leads to carries the saga's correlation id from the order's state; the one given here
     * (read by the HTTP API from the same state) only labels the command itself.
     */
    record RetryDispatch(String orderId, String commandId, EventMetadata metadata) implements FulfilmentInput {
        /** {@code commandId} is the request's idempotency key, so a retried request is the same command. */
        public static RetryDispatch of(String orderId, String correlationId, String commandId, Instant requestedAt) {
            return new RetryDispatch(orderId, commandId, Causation.fromCommand(commandId, correlationId, requestedAt,
                    SkuStockDecider.PRODUCER, "RetryDispatch"));
        }

        /** Event id of the command with this id: how the order recognises it was already handled. */
        public static UUID idOf(String commandId) {
            return Causation.deterministicId(SkuStockDecider.PRODUCER + "/RetryDispatch/" + commandId);
        }
    }
}
