package com.musiccorp.orders.domain;

/**
 * Everything the order decider reacts to: the customer's and the operator's commands, and events of
 * the order observed on any context's topic.
 */
public sealed interface OrderInput permits PlaceOrder, CancelOrder, ObservedEvent {

    /** The order the input is about; also the Kafka record key of every event of the order. */
    String orderId();
}
