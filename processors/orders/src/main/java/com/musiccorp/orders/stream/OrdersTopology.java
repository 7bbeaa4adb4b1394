package com.musiccorp.orders.stream;

import com.musiccorp.orders.domain.CancelOrder;
import com.musiccorp.orders.domain.ObservedEvent;
import com.musiccorp.orders.domain.Order;
import com.musiccorp.orders.domain.OrderDecider;
import com.musiccorp.orders.domain.OrderFact;
import com.musiccorp.orders.domain.OrderInput;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.JsonSerde;
import com.musiccorp.platform.streams.compact.CompactSerde;
import com.musiccorp.platform.streams.rebuild.AsOf;
import com.musiccorp.platform.streams.step.Output;
import com.musiccorp.platform.streams.step.Step;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The orders context on Kafka Streams: every event of an order, from any context, is folded into
 * that order's state in {@code orders-store}, together with the commands on {@code orders.commands}
 * (an operator's cancel), and whatever the order decider emits (the saga's
 * ending, or a rejection) is written to {@code orders.events}, keyed by order id.
 *
 * <p>All four input topics are keyed by order id with {@link TopicCatalog#ORDER_PARTITIONS}
 * partitions, so one task sees every event of an order, and its state, without a repartition.
 */
public final class OrdersTopology {

    /** Order id → {@code Order}: the state the decider folds and {@code GET /orders/{id}} reads. */
    public static final String ORDERS_STORE = "orders-store";

    /** The topics orders reads: its own (to fold its {@code OrderPlaced}) and every context's reply. */
    public static final List<String> INPUT_TOPICS = List.of(
            TopicCatalog.ORDERS_EVENTS,
            TopicCatalog.WAREHOUSE_EVENTS,
            TopicCatalog.PAYMENTS_EVENTS,
            TopicCatalog.LOYALTY_EVENTS);

    /** The commands on {@code orders.commands}, as JSON (the topic is private to orders). */
    public static final JsonSerde<CancelOrder> COMMANDS = JsonSerde.asText(CancelOrder.class);

    /**
     * The live step: each input decided against its order's state, the state stored, and what was
     * decided published. A restore of the store from its changelog does not pass through it, so a
     * restore never emits; a decision re-made from the topics is byte-identical (same event id), a
     * duplicate to every consumer.
     */
    static final Step<OrderInput, OrderInput, OrderFact, Order, SpecificRecord> DECIDE_ORDER =
            Step.of(ORDERS_STORE, OrderDecider.DECIDER, OrderInputs.LIVE, OrdersTopology::published);

    /** A rebuild's step: {@link OrderDecider#replay}, storing the state and forwarding nothing. */
    static final Step<SpecificRecord, ObservedEvent, OrderFact, Order, Void> FOLD_ORDER =
            Step.of(ORDERS_STORE, OrderDecider.REPLAY, OrderInputs.EVENTS, (orderId, fact) -> List.of());

    private OrdersTopology() {
    }

    /**
     * Reads every order event and command, decides against the order's state, and writes the decisions.
     *
     * @param events the Avro serde for every topic's events (schema registry, specific reader)
     */
    public static Topology build(Serde<SpecificRecord> events, Properties streamsProperties) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(ordersStore());
        KStream<String, OrderInput> observed = builder
                .stream(INPUT_TOPICS, Consumed.with(Serdes.String(), events).withName("order-events"))
                .mapValues(event -> (OrderInput) new ObservedEvent(event), Named.as("observe-event"));
        KStream<String, OrderInput> commands = builder
                .stream(TopicCatalog.ORDERS_COMMANDS, Consumed.with(Serdes.String(), COMMANDS).withName("order-commands"))
                .mapValues(command -> (OrderInput) command, Named.as("command-input"));
        observed.merge(commands, Named.as("order-inputs"))
                .process(DECIDE_ORDER.processor(), Named.as("decide-order"), ORDERS_STORE)
                .to(TopicCatalog.ORDERS_EVENTS, Produced.with(Serdes.String(), events).withName("orders-events-sink"));
        return builder.build(streamsProperties);
    }

    /**
     * A rebuild of {@code orders-store} from the event topics: the same store, no command topic (a
     * command's outcome is on orders.events) and no sink, so it writes no event.
     *
     * @param asOf when present, only events up to this time are folded
     */
    public static Topology buildFold(Serde<SpecificRecord> events, Properties streamsProperties, Optional<Instant> asOf) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(ordersStore());
        AsOf.upTo(builder.stream(INPUT_TOPICS, Consumed.with(Serdes.String(), events).withName("order-events")), asOf)
                .process(FOLD_ORDER.processor(), Named.as("fold-order"), ORDERS_STORE);
        return builder.build(streamsProperties);
    }

    /** Only what the order decided is published; what it observed is already on its topic. */
    private static List<Output<SpecificRecord>> published(String orderId, OrderFact fact) {
        return fact instanceof OrderFact.Decided decided ? List.of(Output.event(orderId, decided.event())) : List.of();
    }

    /**
     * Persistent (RocksDB) and changelogged, so a restart restores it instead of replaying the topics;
     * cached, so an order's several steps within a commit interval write the changelog once.
     */
    static StoreBuilder<KeyValueStore<String, Order>> ordersStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDERS_STORE), Serdes.String(), stateSerde())
                .withCachingEnabled();
    }

    /**
     * The store's values: compact binary ({@link OrderCodec}), no registry needed for the changelog;
     * a value of the JSON (Smile) format it had before is still read and rewritten compact when next stored.
     */
    public static CompactSerde<Order> stateSerde() {
        return new CompactSerde<>(new OrderCodec(), new JsonSerde<>(Order.class));
    }
}
