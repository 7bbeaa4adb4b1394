package com.musiccorp.bench;

import com.musiccorp.platform.kafka.TopicCatalog;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sees each order come to rest as anyone reading the topics would: a read_committed consumer of
 * orders.events (OrderCompleted, OrderCancelled) and warehouse.events (DispatchFailed: waiting for a
 * person), noting the wall-clock instant it saw the event and the event's own time.
 */
final class TerminalWatcher implements AutoCloseable {
    static final Set<String> TERMINAL = Set.of("OrderCompleted", "OrderCancelled", "DispatchFailed");

    /** When this consumer saw the terminal event (System.nanoTime), its type and its event time. */
    record AtRest(long seenNanos, String type, long occurredAtMillis) {
    }

    private final Map<String, AtRest> atRest = new ConcurrentHashMap<>();
    private final Map<String, Long> placedAt = new ConcurrentHashMap<>();
    private final TopicTail tail;

    TerminalWatcher(String bootstrap, Map<String, Object> registry) {
        Set<String> topics = Set.of(TopicCatalog.ORDERS_EVENTS, TopicCatalog.WAREHOUSE_EVENTS);
        tail = new TopicTail("terminal-watcher", bootstrap, registry, topics::contains, this::seen);
        tail.start();
    }

    private void seen(ConsumerRecord<String, byte[]> r, long seen) {
        SpecificRecord event = tail.decode(r);
        String type = event.getSchema().getName();
        if (type.equals("OrderPlaced")) {
            placedAt.put(r.key(), occurredAt(event));
        } else if (TERMINAL.contains(type)) {
            atRest.putIfAbsent(r.key(), new AtRest(seen, type, occurredAt(event)));
        }
    }

    static long occurredAt(SpecificRecord event) {
        GenericRecord metadata = (GenericRecord) ((GenericRecord) event).get("metadata");
        Object t = metadata.get("occurredAt");
        return t instanceof java.time.Instant i ? i.toEpochMilli() : ((Number) t).longValue();
    }

    AtRest atRest(String orderId) {
        return atRest.get(orderId);
    }

    /** The OrderPlaced event time of an order, once this consumer has seen it. */
    Long placedAt(String orderId) {
        return placedAt.get(orderId);
    }

    @Override
    public void close() {
        tail.close();
    }
}
