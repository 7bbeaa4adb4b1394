package com.musiccorp.sagastatus.domain;

/** What an event type means for the saga's status (see {@link Saga#status()}). */
public enum StepKind {
    START, PROGRESS, FAILURE, COMPENSATION, COMPLETION, CANCELLATION, NOTIFICATION, REJECTION, OTHER;

    public static StepKind of(String eventType) {
        return switch (eventType) {
            case EventTypes.ORDER_PLACED -> START;
            case EventTypes.STOCK_RESERVED, EventTypes.PAYMENT_TAKEN, EventTypes.ORDER_PACKAGED,
                 EventTypes.ORDER_DISPATCHED, EventTypes.POINTS_AWARDED, EventTypes.DISPATCH_DELAYED -> PROGRESS;
            case EventTypes.STOCK_INSUFFICIENT, EventTypes.PAYMENT_FAILED, EventTypes.ITEM_NOT_FOUND,
                 EventTypes.DISPATCH_FAILED -> FAILURE;
            case EventTypes.STOCK_RELEASED, EventTypes.PAYMENT_REFUNDED -> COMPENSATION;
            case EventTypes.ORDER_COMPLETED -> COMPLETION;
            case EventTypes.ORDER_CANCELLED -> CANCELLATION;
            case EventTypes.NOTIFICATION_SENT -> NOTIFICATION;
            case EventTypes.EVENT_REJECTED -> REJECTION;
            default -> OTHER;
        };
    }
}
