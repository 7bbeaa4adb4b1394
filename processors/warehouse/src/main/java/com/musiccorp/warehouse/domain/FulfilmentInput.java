package com.musiccorp.warehouse.domain;

import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentFailed;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.schemas.Causation;

import java.time.Instant;

/**
 * What one order's fulfilment reacts to: the saga's events of other contexts, the SKUs' answers to
 * its requests, the carrier's answer to a booking, and an operator's commands.
 */
public sealed interface FulfilmentInput permits FulfilmentInput.OnOrderPlaced, FulfilmentInput.OnPaymentTaken,
        FulfilmentInput.OnPaymentFailed, LineAnswer, FulfilmentInput.CarrierAnswered,
        FulfilmentInput.RetryDispatch, FulfilmentInput.CancelDispatch {

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
    record CarrierAnswered(String orderId, int attempt, DispatchResult result, EventMetadata metadata)
            implements FulfilmentInput {
    }

    /** Operator: try the carrier again now, once, after dispatch failed. */
    record RetryDispatch(String orderId, String commandId, EventMetadata metadata) implements FulfilmentInput {
        /** {@code commandId} is the request's idempotency key, so a retried request is the same command. */
        public static RetryDispatch of(String orderId, String commandId, Instant requestedAt) {
            return new RetryDispatch(orderId, commandId, Causation.fromCommand(commandId, orderId, requestedAt,
                    SkuStockDecider.PRODUCER, "RetryDispatch"));
        }
    }

    /** Operator: give up on dispatch; the order's stock goes back to the shelf. */
    record CancelDispatch(String orderId, String commandId, String reason, EventMetadata metadata)
            implements FulfilmentInput {
        public static CancelDispatch of(String orderId, String commandId, String reason, Instant requestedAt) {
            return new CancelDispatch(orderId, commandId, reason, Causation.fromCommand(commandId, orderId,
                    requestedAt, SkuStockDecider.PRODUCER, "CancelDispatch"));
        }
    }
}
