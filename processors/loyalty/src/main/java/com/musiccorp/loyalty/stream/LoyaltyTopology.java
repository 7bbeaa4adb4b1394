package com.musiccorp.loyalty.stream;

import com.musiccorp.loyalty.domain.CreditPoints;
import com.musiccorp.loyalty.domain.CustomerBalance;
import com.musiccorp.loyalty.domain.CustomerBalanceDecider;
import com.musiccorp.loyalty.domain.OrderPoints;
import com.musiccorp.loyalty.domain.OrderPointsDecider;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.CommitPromptly;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.List;
import java.util.Properties;

/**
 * The loyalty context on Kafka Streams, in two aggregates:
 * <ol>
 *   <li>OrderDispatched (warehouse.events, keyed by order id, naming the customer and the order's
 *       total) is decided against the order's {@link OrderPoints} in {@code order-points-store}.
 *       {@code EventRejected} goes to loyalty.events (key: order id); {@link CreditPoints} is
 *       re-keyed by customer id through the {@code credits} repartition topic, committed at once
 *       ({@link CommitPromptly}): the customer's step reads it in this same thread.</li>
 *   <li>The credit is decided against the customer's {@link CustomerBalance} in
 *       {@code customer-balance-store}; {@code PointsAwarded} goes to loyalty.events (key: order id).</li>
 * </ol>
 * Each aggregate is one platform {@code Step} ({@link OrderPointsStep}, {@link CustomerBalanceStep}):
 * decide, evolve, store, forward.
 */
public final class LoyaltyTopology {

    /** Order id → {@link OrderPoints}. */
    public static final String ORDER_POINTS_STORE = "order-points-store";
    /** Customer id → {@link CustomerBalance}. */
    public static final String CUSTOMER_BALANCE_STORE = "customer-balance-store";
    /** Name of the repartition topic ({@code <application.id>-credits-repartition}). */
    public static final String CREDITS = "credits";
    /** Partitions of the credits topic, fixed so a customer's partition can be computed for queries. */
    public static final int CREDIT_PARTITIONS = TopicCatalog.ORDER_PARTITIONS;

    public static final List<String> INPUT_TOPICS = List.of(TopicCatalog.WAREHOUSE_EVENTS);

    private LoyaltyTopology() {
    }

    /** @param events the Avro serde for every topic's events (schema registry, specific reader) */
    public static Topology build(Serde<SpecificRecord> events, Properties streamsProperties,
            OrderPointsDecider orderDecider, CustomerBalanceDecider balanceDecider) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(orderPointsStore());
        builder.addStateStore(customerBalanceStore());

        KStream<String, Object> decided = builder
                .stream(INPUT_TOPICS, Consumed.with(Serdes.String(), events).withName("loyalty-inputs"))
                .process(OrderPointsStep.of(orderDecider).processor(), Named.as("decide-order-points"),
                        ORDER_POINTS_STORE);

        decided.filter((k, v) -> v instanceof SpecificRecord, Named.as("order-side-published"))
                .mapValues(v -> (SpecificRecord) v, Named.as("as-event"))
                .to(TopicCatalog.LOYALTY_EVENTS, Produced.with(Serdes.String(), events).withName("loyalty-rejections-sink"));

        decided.filter((k, v) -> v instanceof CreditPoints, Named.as("order-side-credits"))
                .mapValues(v -> (CreditPoints) v, Named.as("as-credit"))
                // The customer's step awards it in this thread, so it is committed at once, not at the thread's next commit.
                .process(CommitPromptly.when(credit -> true, streamsProperties), Named.as("commit-credits-promptly"))
                .repartition(Repartitioned.<String, CreditPoints>as(CREDITS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(LoyaltyStateSerde.creditPoints())
                        .withNumberOfPartitions(CREDIT_PARTITIONS))
                .process(CustomerBalanceStep.of(balanceDecider).processor(), Named.as("decide-customer-balance"),
                        CUSTOMER_BALANCE_STORE)
                .to(TopicCatalog.LOYALTY_EVENTS, Produced.with(Serdes.String(), events).withName("loyalty-awards-sink"));
        return builder.build(streamsProperties);
    }

    /**
     * Persistent (RocksDB) and changelogged. Cached: the writes to one key within a commit interval
     * reach RocksDB and the changelog once, at the commit.
     */
    static StoreBuilder<KeyValueStore<String, OrderPoints>> orderPointsStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDER_POINTS_STORE), Serdes.String(),
                LoyaltyStateSerde.orderPoints()).withCachingEnabled();
    }

    /** Persistent (RocksDB), changelogged and cached: a customer's credits within a commit interval write once. */
    static StoreBuilder<KeyValueStore<String, CustomerBalance>> customerBalanceStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CUSTOMER_BALANCE_STORE), Serdes.String(),
                LoyaltyStateSerde.customerBalance()).withCachingEnabled();
    }
}
