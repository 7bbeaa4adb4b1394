package com.musiccorp.orders.http;

import com.musiccorp.orders.domain.CancelOrder;
import com.musiccorp.orders.domain.Order;
import com.musiccorp.orders.domain.OrderCommandRefused;
import com.musiccorp.orders.domain.OrderDecider;
import com.musiccorp.orders.stream.OrderStoreQueries;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.AckedPublisher;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.PositionToken;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An operator cancels an order that needs attention. The request is checked against the order as the
 * store knows it, so the answer is an honest 404 or 409, then written to {@code orders.commands}
 * for the topology to decide against the live state: one writer per order, whatever else is arriving.
 */
public final class OrderCancelling {

    /** The command was accepted for the order of this saga; {@code position} is where it was written. */
    public record Accepted(String orderId, String correlationId, String commandId, PositionToken position) {
    }

    private final OrderStoreQueries store;
    private final AckedPublisher<CancelOrder> commands;

    public OrderCancelling(OrderStoreQueries store, AckedPublisher<CancelOrder> commands) {
        this.store = store;
        this.commands = commands;
    }

    /**
     * @param idempotencyKey the same key names the same command, so a retried request cancels once
     * @throws IllegalArgumentException          no reason given (400)
     * @throws OrderCommandRefused               no such order (404), or it cannot be cancelled now (409)
     * @throws OrderStoreQueries.StoreNotReady   the store cannot say yet (503)
     * @throws AckedPublisher.PublishFailed      the broker did not acknowledge the command (503)
     */
    public Accepted cancel(String orderId, String reason, String idempotencyKey, Instant now) {
        String commandId = idempotencyKey == null ? UUID.randomUUID().toString() : "cancel:" + idempotencyKey;
        CancelOrder command = new CancelOrder(orderId, commandId, reason, now);
        Order order = store.find(orderId).orElseGet(OrderDecider::initialState);
        OrderDecider.step(order, command); // throws what the topology would refuse now
        String correlationId = order.correlationId();
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.CORRELATION_ID, correlationId.getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.EVENT_TYPE, "CancelOrder".getBytes(StandardCharsets.UTF_8));
        RecordMetadata written = commands.publish(AckedPublisher.record(TopicCatalog.ORDERS_COMMANDS, orderId, command,
                now.toEpochMilli(), headers));
        return new Accepted(orderId, correlationId, commandId, PositionToken.of(List.of(written)));
    }
}
