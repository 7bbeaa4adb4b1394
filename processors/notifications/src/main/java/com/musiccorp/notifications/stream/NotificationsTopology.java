package com.musiccorp.notifications.stream;

import com.musiccorp.notifications.domain.Mailer;
import com.musiccorp.notifications.domain.NotificationDecider;
import com.musiccorp.notifications.domain.OrderNotifications;
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
 * The notifications context on Kafka Streams: OrderPlaced, OrderCancelled (orders.events),
 * OrderDispatched, DispatchDelayed, ItemNotFound (warehouse.events) and PaymentRefunded
 * (payments.events) are decided against the order's {@link OrderNotifications} in
 * {@code notifications-store} by {@link NotificationStep}; the recorded deliveries are handed to the
 * {@link Mailer} as soon as due, off the stream thread ({@link MailerCalls}; failures retried with
 * back-off, found through the due-time index {@code notification-deliveries-due-store}), and each
 * message it takes is written as a
 * NotificationSent to {@code notifications.events}, keyed by order id. All inputs are keyed by order id with the same
 * partition count, so one task holds every event of an order and its state.
 */
public final class NotificationsTopology {

    /** Order id → {@link OrderNotifications} (JSON). */
    public static final String NOTIFICATIONS_STORE = "notifications-store";

    /** Due time|order id → order id: the orders with deliveries waiting, by due time. */
    public static final String NOTIFICATION_DELIVERIES_DUE_STORE = "notification-deliveries-due-store";

    public static final List<String> INPUT_TOPICS = List.of(TopicCatalog.ORDERS_EVENTS, TopicCatalog.WAREHOUSE_EVENTS,
            TopicCatalog.PAYMENTS_EVENTS);

    /** How often due deliveries are looked for, by default. */
    public static final Duration DEFAULT_SEND_INTERVAL = Duration.ofMillis(200);

    private NotificationsTopology() {
    }

    /**
     * @param events the Avro serde for every topic's events (schema registry, specific reader)
     * @param mailer       sends the decided e-mails (simulated in the service)
     * @param sendInterval how often deliveries due later (a back-off) or unanswered are looked for
     */
    public static Topology build(Serde<SpecificRecord> events, Properties streamsProperties,
            NotificationDecider decider, Mailer mailer, Duration sendInterval) {
        return build(events, streamsProperties, decider, mailer, sendInterval, Calling.VIRTUAL_THREADS,
                Clock.systemUTC());
    }

    /** The same, handing over on {@code callers} and stamping answers with {@code clock} (tests). */
    public static Topology build(Serde<SpecificRecord> events, Properties streamsProperties,
            NotificationDecider decider, Mailer mailer, Duration sendInterval, Executor callers, Clock clock) {
        Step<SpecificRecord, ?, ?, ?, SpecificRecord> step =
                NotificationStep.of(decider, new MailerCalls(mailer, clock), sendInterval, callers);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(notificationsStore());
        builder.addStateStore(notificationDeliveriesDueStore());
        builder.stream(INPUT_TOPICS, Consumed.with(Serdes.String(), events).withName("notification-inputs"))
                .process(step.processor(), Named.as("decide-notification"),
                        NOTIFICATIONS_STORE, NOTIFICATION_DELIVERIES_DUE_STORE)
                .to(TopicCatalog.NOTIFICATIONS_EVENTS,
                        Produced.with(Serdes.String(), events).withName("notifications-events-sink"));
        return builder.build(streamsProperties);
    }

    /**
     * Persistent (RocksDB) and changelogged: a restart restores what was sent, it never re-sends it.
     * Cached: under exactly-once a state only becomes durable at the commit anyway, so the states of an
     * order within one commit interval (e.g. a delivery queued and taken) reach RocksDB and the
     * changelog once, at the commit. The delivery is in the store, cache or not, before it is handed over.
     * Answers that came are decided right before each commit ({@link BeforeCommitStore}), so more do.
     */
    static StoreBuilder<KeyValueStore<String, OrderNotifications>> notificationsStore() {
        return BeforeCommitStore.builder(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NOTIFICATIONS_STORE),
                Serdes.String(), NotificationStateSerde.create()).withCachingEnabled());
    }

    /** Derived from the states whenever a task starts, so in memory, without a changelog ({@link DueTimeIndex#storeBuilder}). */
    static StoreBuilder<KeyValueStore<String, String>> notificationDeliveriesDueStore() {
        return DueTimeIndex.storeBuilder(NOTIFICATION_DELIVERIES_DUE_STORE);
    }
}
