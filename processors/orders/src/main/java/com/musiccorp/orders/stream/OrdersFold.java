package com.musiccorp.orders.stream;

import com.musiccorp.orders.domain.Fact;
import com.musiccorp.orders.domain.Order;
import com.musiccorp.orders.domain.OrderStatus;
import com.musiccorp.orders.domain.OrderView;
import com.musiccorp.platform.streams.rebuild.RebuildableState;
import com.musiccorp.platform.streams.rebuild.StateDigest;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The orders context's state as a rebuildable state. Its live topology decides and emits, so a
 * rebuild never takes over: it folds the event topics into a separate generation with
 * {@link OrdersTopology#buildFold} and is compared with the live store by digest, or read "as of" a
 * time. (The live store restores from its own changelog.)
 *
 * <p>The digest holds every order's facts. What is per-arrival in the state is put in a fixed order
 * first: the history by time, type and producer (events of different topics have no order Kafka
 * defines), and the set of seen event ids sorted.
 */
public final class OrdersFold implements RebuildableState {

    private static final Comparator<Order.HistoryEntry> HISTORY_ORDER = Comparator
            .comparing(Order.HistoryEntry::at, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Order.HistoryEntry::eventType)
            .thenComparing(Order.HistoryEntry::producer, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Order.HistoryEntry::note, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final Serde<SpecificRecord> events;
    /** How a rebuilt order is shown: with its personal fields opened, as the live view shows them. */
    private final UnaryOperator<OrderView> shown;

    /**
     * The digest holds the sealed personal fields as the events carry them, so erasing a customer
     * changes neither the live nor the rebuilt digest; only what the views show changes.
     */
    public OrdersFold(Serde<SpecificRecord> events, UnaryOperator<OrderView> shown) {
        this.events = events;
        this.shown = shown;
    }

    /** An order for the digest: its facts in a fixed order. */
    record OrderFacts(String orderId, OrderStatus status, Order.Placement placement, Map<Fact, List<Order.EventRef>> facts,
            Order.Cancellation cancellation, List<UUID> seenEventIds, List<Order.HistoryEntry> history) {
        static OrderFacts of(Order o) {
            return new OrderFacts(o.orderId(), o.status(), o.placement(), new TreeMap<>(o.facts()), o.cancellation(),
                    o.seenEventIds().stream().sorted().toList(), o.history().stream().sorted(HISTORY_ORDER).toList());
        }
    }

    @Override
    public Topology foldTopology(Properties streamsProperties, Optional<Instant> asOf) {
        return OrdersTopology.buildFold(events, streamsProperties, asOf);
    }

    @Override
    public List<String> inputTopics() {
        return OrdersTopology.INPUT_TOPICS;
    }

    @Override
    public StateDigest digest(KafkaStreams streams, StateDigest digest) {
        digest.store(OrdersTopology.ORDERS_STORE);
        try (KeyValueIterator<String, Order> all = store(streams).all()) {
            while (all.hasNext()) {
                KeyValue<String, Order> e = all.next();
                digest.add(OrdersTopology.ORDERS_STORE, e.key, OrderFacts.of(e.value));
            }
        }
        return digest;
    }

    @Override
    public Optional<Object> view(KafkaStreams streams, String orderId) {
        Order order = store(streams).get(orderId);
        return order == null ? Optional.empty() : OrderView.of(order).map(shown::apply);
    }

    @Override
    public boolean foldIsLive() {
        return false;
    }

    private static ReadOnlyKeyValueStore<String, Order> store(KafkaStreams streams) {
        return streams.store(StoreQueryParameters.fromNameAndType(OrdersTopology.ORDERS_STORE,
                QueryableStoreTypes.<String, Order>keyValueStore()));
    }
}
