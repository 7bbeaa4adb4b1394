package com.musiccorp.payments.stream;

import com.musiccorp.payments.domain.Payment;
import com.musiccorp.payments.domain.PaymentDecider;
import com.musiccorp.payments.domain.PaymentGateway;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.streams.BeforeCommitStore;
import com.musiccorp.platform.streams.DueTimeIndex;
import com.musiccorp.platform.streams.step.Calling;
import com.musiccorp.platform.streams.step.Step;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The payments context on Kafka Streams: OrderPlaced, OrderCancelled (orders.events) and StockReserved,
 * StockInsufficient, ItemNotFound (warehouse.events) are decided against the order's
 * {@link Payment} in {@code payments-store} by {@link PaymentStep}; the gateway calls the states
 * record ({@link GatewayCalls}) are made as soon as they are due, off the stream thread, and their
 * answers are decided through the same step (calls due later are kept by due time in
 * {@code payment-calls-due-store}). Published facts go to
 * {@code payments.events}, keyed by order id. Both inputs are keyed by order id with the same
 * partition count, so one task holds every event of an order and its state.
 */
public final class PaymentsTopology {

    /** Order id → {@link Payment} (JSON). */
    public static final String PAYMENTS_STORE = "payments-store";

    /** Due time|order id → order id: the gateway calls waiting, by due time. */
    public static final String PAYMENT_CALLS_DUE_STORE = "payment-calls-due-store";

    public static final List<String> INPUT_TOPICS = List.of(TopicCatalog.ORDERS_EVENTS, TopicCatalog.WAREHOUSE_EVENTS);

    /** How often gateway calls due later (a back-off) or left unanswered are looked for, by default. */
    public static final Duration DEFAULT_CALL_INTERVAL = Duration.ofMillis(200);

    private PaymentsTopology() {
    }

    /**
     * @param events       the Avro serde for every topic's events (schema registry, specific reader)
     * @param gateway      the payment gateway (HTTP in the service)
     * @param callInterval how often calls due later (a back-off) or left unanswered are looked for
     */
    public static Topology build(Serde<SpecificRecord> events, Properties streamsProperties, PaymentDecider decider,
            PaymentGateway gateway, Duration callInterval) {
        return build(events, streamsProperties, decider, gateway, callInterval, Calling.VIRTUAL_THREADS,
                Clock.systemUTC());
    }

    /** The same, calling the gateway on {@code callers} and stamping answers with {@code clock} (tests). */
    public static Topology build(Serde<SpecificRecord> events, Properties streamsProperties, PaymentDecider decider,
            PaymentGateway gateway, Duration callInterval, Executor callers, Clock clock) {
        Step<SpecificRecord, ?, ?, ?, SpecificRecord> step =
                PaymentStep.of(decider, new GatewayCalls(gateway, clock), callInterval, callers);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(paymentsStore());
        builder.addStateStore(paymentCallsDueStore());
        builder.stream(INPUT_TOPICS, Consumed.with(Serdes.String(), events).withName("payment-inputs"))
                .process(step.processor(), Named.as("decide-payment"),
                        PAYMENTS_STORE, PAYMENT_CALLS_DUE_STORE)
                .to(TopicCatalog.PAYMENTS_EVENTS, Produced.with(Serdes.String(), events).withName("payments-events-sink"));
        return builder.build(streamsProperties);
    }

    /**
     * Persistent (RocksDB) and changelogged: a restart restores the recorded intents, it never re-decides
     * them. Cached: under exactly-once a state only becomes durable at the commit anyway, so the states
     * of an order within one commit interval (e.g. an intent and its answer) reach RocksDB and the
     * changelog once, at the commit. The intent is in the store, cache or not, before it is executed.
     * Answers that came are decided right before each commit ({@link BeforeCommitStore}), so more do.
     */
    static StoreBuilder<KeyValueStore<String, Payment>> paymentsStore() {
        return BeforeCommitStore.builder(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PAYMENTS_STORE),
                Serdes.String(), PaymentStateSerde.create()).withCachingEnabled());
    }

    /** Derived from the payments whenever a task starts, so in memory, without a changelog ({@link DueTimeIndex#storeBuilder}). */
    static StoreBuilder<KeyValueStore<String, String>> paymentCallsDueStore() {
        return DueTimeIndex.storeBuilder(PAYMENT_CALLS_DUE_STORE);
    }
}
