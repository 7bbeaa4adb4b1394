package com.musiccorp.sagastatus.domain;

/** The saga's event type names (the Avro records' simple names), and which context writes each. */
public final class EventTypes {
    public static final String ORDER_PLACED = "OrderPlaced";
    public static final String STOCK_RESERVED = "StockReserved";
    public static final String STOCK_INSUFFICIENT = "StockInsufficient";
    public static final String STOCK_RELEASED = "StockReleased";
    public static final String PAYMENT_TAKEN = "PaymentTaken";
    public static final String PAYMENT_FAILED = "PaymentFailed";
    public static final String PAYMENT_REFUNDED = "PaymentRefunded";
    public static final String ORDER_PACKAGED = "OrderPackaged";
    public static final String ITEM_NOT_FOUND = "ItemNotFound";
    public static final String DISPATCH_DELAYED = "DispatchDelayed";
    public static final String DISPATCH_FAILED = "DispatchFailed";
    public static final String ORDER_DISPATCHED = "OrderDispatched";
    public static final String POINTS_AWARDED = "PointsAwarded";
    public static final String ORDER_COMPLETED = "OrderCompleted";
    public static final String ORDER_CANCELLED = "OrderCancelled";
    public static final String NOTIFICATION_SENT = "NotificationSent";
    public static final String EVENT_REJECTED = "EventRejected";

    public static final String ORDERS = "orders";
    public static final String WAREHOUSE = "warehouse";
    public static final String PAYMENTS = "payments";
    public static final String LOYALTY = "loyalty";
    public static final String NOTIFICATIONS = "notifications";

    private EventTypes() {
    }
}
