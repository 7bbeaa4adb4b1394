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
import java.util.Optional;

/**
 * An operator cancels an order that needs attention. The request is checked against the order as the
 * store knows it, so the answer is an honest 404 or 409, then written to {@code orders.commands}
 * for the topology to decide against the live state: one writer per order, whatever else is arriving.
 *
 * <p>The idempotency key names the command. A repeat of a command already decided is answered from
 * the decision the order recorded (202 with the same command id, or the same refusal), and one
 * written but not decided yet from what this instance wrote: a repeat never writes again.
 */
public final class OrderCancelling {

    /**
     * The command was accepted for the order of this saga.
     *
     * @param position where it was written, or, for a repeat, a position the view has already reached;
     *                 null when this instance cannot say
     */
    public record Accepted(String orderId, String correlationId, String commandId, PositionToken position) {
    }

    private static final int LOCK_STRIPES = 64;

    private final OrderStoreQueries store;
    private final AckedPublisher<CancelOrder> commands;
    private final RecentlyCancelled recentlyCancelled = new RecentlyCancelled(10_000);
    private final Object[] locks = new Object[LOCK_STRIPES];

    public OrderCancelling(OrderStoreQueries store, AckedPublisher<CancelOrder> commands) {
        this.store = store;
        this.commands = commands;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** The command id an idempotency key stands for. */
    static String commandIdFor(String idempotencyKey) {
        return "cancel:" + idempotencyKey;
    }

    /**
     * @param idempotencyKey names the command (required): the same key again is answered, never written again
     * @throws OrderCommandRefused               no such order (404), or it cannot be cancelled now (409)
     * @throws OrderStoreQueries.StoreNotReady   the store cannot say yet (503)
     * @throws AckedPublisher.PublishFailed      the broker did not acknowledge the command (503)
     */
    public Accepted cancel(String orderId, String reason, String idempotencyKey, Instant now) {
        String commandId = commandIdFor(idempotencyKey);
        // Two requests for one order on this instance take turns, so the second sees the first.
        synchronized (locks[Math.floorMod(orderId.hashCode(), LOCK_STRIPES)]) {
            Order order = store.find(orderId).orElseGet(OrderDecider::initialState);
            Optional<OrderDecider.CancelOutcome> decided = OrderDecider.cancelOutcome(order, commandId);
            if (decided.isPresent()) {
                return switch (decided.get()) {
                    case OrderDecider.CancelOutcome.Cancelled c -> new Accepted(orderId, order.correlationId(), commandId,
                            store.reached(TopicCatalog.ORDERS_COMMANDS, orderId).orElse(null));
                    case OrderDecider.CancelOutcome.Refused r ->
                            throw new OrderCommandRefused(OrderCommandRefused.Kind.CONFLICT, orderId, r.reason());
                };
            }
            Optional<Accepted> pending = recentlyCancelled.find(orderId)
                    .filter(p -> OrderDecider.cancelOutcome(order, p.commandId()).isEmpty());
            if (pending.isPresent()) {
                if (pending.get().commandId().equals(commandId)) {
                    return pending.get();
                }
                throw new OrderCommandRefused(OrderCommandRefused.Kind.CONFLICT, orderId, "order " + orderId
                        + " cannot be cancelled: another cancellation of it (" + pending.get().commandId()
                        + ") is being decided");
            }
            CancelOrder command = new CancelOrder(orderId, commandId, reason, now);
            OrderDecider.step(order, command, command.requestedAt()); // throws what the topology would refuse now
            Accepted accepted = new Accepted(orderId, order.correlationId(), commandId, PositionToken.of(List.of(write(command,
                    order.correlationId(), now))));
            recentlyCancelled.remember(accepted);
            return accepted;
        }
    }

    private RecordMetadata write(CancelOrder command, String correlationId, Instant now) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.CORRELATION_ID, correlationId.getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.EVENT_TYPE, "CancelOrder".getBytes(StandardCharsets.UTF_8));
        return commands.publish(AckedPublisher.record(TopicCatalog.ORDERS_COMMANDS, command.orderId(), command,
                now.toEpochMilli(), headers));
    }
}
