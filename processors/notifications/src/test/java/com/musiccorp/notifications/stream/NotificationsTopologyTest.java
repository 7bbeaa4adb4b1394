package com.musiccorp.notifications.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.NotificationSent;
import com.musiccorp.events.NotificationTemplate;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.notifications.domain.Events;
import com.musiccorp.notifications.domain.NotificationDecider;
import com.musiccorp.notifications.domain.RetryPolicy;
import com.musiccorp.notifications.domain.OrderNotifications;
import com.musiccorp.notifications.mail.SimulatedMailer;
import com.musiccorp.platform.avro.AvroSerde;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.platform.streams.ContextSettings;
import com.musiccorp.platform.streams.DueTimeIndex;
import com.musiccorp.platform.streams.MutableClock;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.StreamsSettings;
import com.musiccorp.platform.streams.step.HeldCalls;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * The topology on TopologyTestDriver with a real schema registry and the simulated mailer.
 * Wall-clock time is the driver's: advancing it runs the punctuator that hands due messages over.
 */
class NotificationsTopologyTest {

    private static final Instant ARRIVAL = Instant.parse("2026-06-01T00:00:00Z");
    private static final Duration INTERVAL = NotificationsTopology.DEFAULT_SEND_INTERVAL;
    private static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(8));

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension(false);
    private static SchemaRegistryServer registry;

    private final MutableClock clock = new MutableClock(ARRIVAL);
    private TopologyTestDriver driver;
    private SimulatedMailer mailer;
    private TestInputTopic<String, SpecificRecord> ordersEvents;
    private TestInputTopic<String, SpecificRecord> warehouseEvents;
    private TestOutputTopic<String, SpecificRecord> notificationsEvents;
    private KeyValueStore<String, OrderNotifications> store;
    private KeyValueStore<String, String> dueIndex;
    /** While set, hand-overs wait in {@link #held}: the mailer takes them after the input's commit. */
    private boolean holdHandOvers;
    private final HeldCalls held = new HeldCalls();

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistryServer.start(kafka.bootstrapServers(), 0);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @BeforeEach
    void start(@TempDir Path state) {
        Properties props = StreamsSettings.forContext(new ContextSettings("notifications", "unused:9092",
                registry.url(), state, Optional.empty(), -1, 0));
        Serde<SpecificRecord> events = new AvroSerde<>();
        events.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        mailer = new SimulatedMailer();
        // Handed over on the test's thread as soon as due (while the input is decided, so its answer is
        // decided right before the input's commit), unless held.
        driver = new TopologyTestDriver(NotificationsTopology.build(events, props, new NotificationDecider(POLICY), mailer,
                        INTERVAL, handOver -> {
                            if (holdHandOvers) held.execute(handOver);
                            else handOver.run();
                        }, clock),
                props, ARRIVAL);
        ordersEvents = driver.createInputTopic(TopicCatalog.ORDERS_EVENTS, new StringSerializer(), events.serializer());
        warehouseEvents = driver.createInputTopic(TopicCatalog.WAREHOUSE_EVENTS, new StringSerializer(),
                events.serializer());
        notificationsEvents = driver.createOutputTopic(TopicCatalog.NOTIFICATIONS_EVENTS, new StringDeserializer(),
                events.deserializer());
        store = driver.getKeyValueStore(NotificationsTopology.NOTIFICATIONS_STORE);
        dueIndex = driver.getKeyValueStore(NotificationsTopology.NOTIFICATION_DELIVERIES_DUE_STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void orders(SpecificRecord event) {
        ordersEvents.pipeInput(new TestRecord<>(Events.ORDER, event, ARRIVAL));
    }

    private void warehouse(SpecificRecord event) {
        warehouseEvents.pipeInput(new TestRecord<>(Events.ORDER, event, ARRIVAL));
    }

    /** Lets {@code time} of wall clock pass, one scan interval at a time. */
    private void runFor(Duration time) {
        for (long t = 0; t < time.toMillis(); t += INTERVAL.toMillis()) {
            advance(INTERVAL);
        }
    }

    /** Lets {@code time} of wall clock pass at once: each punctuation due runs once. */
    private void advance(Duration time) {
        clock.advance(time);
        driver.advanceWallClockTime(time);
    }

    private List<NotificationTemplate> templatesWritten() {
        return notificationsEvents.readValuesToList().stream()
                .map(v -> ((NotificationSent) v).getTemplate()).toList();
    }

    @Test
    void orderPlacedSendsOneConfirmation() {
        holdHandOvers = true;
        orders(Events.orderPlaced().event());
        assertThat(store.get(Events.ORDER).pending()).containsKey(NotificationTemplate.ORDER_CONFIRMATION);
        held.runAll();
        assertThat(mailer.sentCount()).isEqualTo(1);
        assertThat(notificationsEvents.isEmpty()).as("nothing is published before the answer is decided").isTrue();

        runFor(Duration.ofMillis(400));

        List<TestRecord<String, SpecificRecord>> written = notificationsEvents.readRecordsToList();
        assertThat(written).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(Events.ORDER);
            NotificationSent sent = (NotificationSent) r.value();
            assertThat(sent.getTemplate()).isEqualTo(NotificationTemplate.ORDER_CONFIRMATION);
            assertThat(sent.getRecipient()).isEqualTo(Events.EMAIL);
            assertThat(sent.getTriggeredByEventType()).isEqualTo("OrderPlaced");
            assertThat(r.timestamp()).isEqualTo(sent.getMetadata().getOccurredAt().toEpochMilli())
                    .as("when the mailer took it (its clock), not the order's time")
                    .isEqualTo(ARRIVAL.toEpochMilli()).isNotEqualTo(Events.PLACED_AT.toEpochMilli());
            assertThat(EventHeaders.text(r.headers(), EventHeaders.EVENT_ID))
                    .isEqualTo(sent.getMetadata().getEventId().toString());
            assertThat(mailer.hasSent(sent.getMetadata().getEventId())).isTrue();
        });
        assertThat(mailer.sentCount()).isEqualTo(1);
        assertThat(store.get(Events.ORDER).isDelivered(NotificationTemplate.ORDER_CONFIRMATION)).isTrue();
    }

    @Test
    void aConfirmationTheMailerTookBeforeItsOrdersCommitIsPublishedWithThatCommit() {
        orders(Events.orderPlaced().event()); // handed over while decided; no clock moves

        assertThat(templatesWritten()).containsExactly(NotificationTemplate.ORDER_CONFIRMATION);
        assertThat(store.get(Events.ORDER).isDelivered(NotificationTemplate.ORDER_CONFIRMATION)).isTrue();
        assertThat(indexKeys()).isEmpty();
    }

    @Test
    void aRedeliveredOrderPlacedSendsNothing() {
        orders(Events.orderPlaced().event());
        runFor(Duration.ofMillis(400));
        assertThat(templatesWritten()).containsExactly(NotificationTemplate.ORDER_CONFIRMATION);

        orders(Events.orderPlaced().event());
        runFor(Duration.ofMillis(400));

        assertThat(notificationsEvents.isEmpty()).isTrue();
        assertThat(mailer.sentCount()).isEqualTo(1);
    }

    @Test
    void theStoreSurvivesItsFormat() {
        holdHandOvers = true;
        orders(Events.orderPlaced().event());
        warehouse(Events.orderDispatched().event());
        OrderNotifications pending = store.get(Events.ORDER);
        assertThat(pending.pending()).hasSize(2);
        holdHandOvers = false;
        held.runAll();
        runFor(Duration.ofMillis(400));
        OrderNotifications state = store.get(Events.ORDER);
        var serde = NotificationStateSerde.create();
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", state)))
                .isEqualTo(state);
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", pending)))
                .isEqualTo(pending);
    }

    @Test
    void aCancellationSendsOrderCancelledToTheAddressItCarries() {
        orders(Events.orderPlaced().event());
        orders(Events.orderCancelled(CancellationReason.INSUFFICIENT_STOCK).event());
        runFor(Duration.ofMillis(400));

        List<SpecificRecord> written = notificationsEvents.readValuesToList();
        assertThat(written).extracting(v -> ((NotificationSent) v).getTemplate())
                .containsExactly(NotificationTemplate.ORDER_CONFIRMATION, NotificationTemplate.ORDER_CANCELLED);
        assertThat(((NotificationSent) written.get(1)).getRecipient()).isEqualTo(Events.CANCEL_EMAIL);
        assertThat(mailer.sentCount()).isEqualTo(2);
    }

    @Test
    void noConfirmationAfterACancellation() {
        orders(Events.orderCancelled(CancellationReason.INSUFFICIENT_STOCK).event());
        orders(Events.orderPlaced().event());
        runFor(Duration.ofMillis(400));

        assertThat(templatesWritten()).containsExactly(NotificationTemplate.ORDER_CANCELLED);
        assertThat(mailer.sentCount()).isEqualTo(1);
    }

    @Test
    void aTransientlyFailingRecipientIsRetriedOnTheBackOffAndSentOnce() {
        orders(Events.orderPlaced("1", "bounce-transient-2@example.com").event());

        runFor(Duration.ofMillis(400));
        UUID messageId = store.get(Events.ORDER).pending().get(NotificationTemplate.ORDER_CONFIRMATION).messageId();
        assertThat(mailer.handOvers(messageId)).isEqualTo(1);
        assertThat(notificationsEvents.isEmpty()).isTrue();
        // back-off 1 s after the first failure, then 2 s after the second
        runFor(Duration.ofSeconds(4));

        assertThat(mailer.handOvers(messageId)).isEqualTo(3);
        assertThat(notificationsEvents.readValuesToList()).singleElement().satisfies(v ->
                assertThat(((NotificationSent) v).getMetadata().getEventId()).isEqualTo(messageId));
        assertThat(mailer.sentCount()).isEqualTo(1);
        assertThat(store.get(Events.ORDER).pending()).isEmpty();
    }

    @Test
    void aRecipientThatAlwaysBouncesIsGivenUpAfterTheLastAttemptWithoutNotificationSent() {
        orders(Events.orderPlaced("1", "bounce@example.com").event());

        runFor(Duration.ofSeconds(10));

        assertThat(notificationsEvents.isEmpty()).isTrue();
        OrderNotifications state = store.get(Events.ORDER);
        assertThat(state.pending()).isEmpty();
        assertThat(state.undeliverable()).containsOnlyKeys(NotificationTemplate.ORDER_CONFIRMATION);
        assertThat(state.undeliverable().get(NotificationTemplate.ORDER_CONFIRMATION)).contains("bounce");
        assertThat(mailer.sentCount()).isZero();
    }

    @Test
    void anOrdersDeliveriesAreHandedOverInOrderAndTheEntryRemoved() {
        holdHandOvers = true;
        orders(Events.orderPlaced().event());
        // One entry per order, due at its earliest pending delivery: the confirmation's (when decided).
        assertThat(indexKeys()).containsExactly(String.format("%019d|%s", ARRIVAL.toEpochMilli(), Events.ORDER));
        holdHandOvers = false;
        held.runAll();
        assertThat(mailer.sentCount()).isEqualTo(1);

        // The confirmation's answer is decided before the next record, so the dispatch e-mail follows it.
        warehouse(Events.orderDispatched().event());
        assertThat(mailer.sentCount()).isEqualTo(2);
        advance(Duration.ofMillis(50));

        assertThat(templatesWritten()).containsExactly(NotificationTemplate.ORDER_CONFIRMATION,
                NotificationTemplate.ORDER_DISPATCHED);
        assertThat(mailer.sentCount()).isEqualTo(2);
        assertThat(indexKeys()).as("nothing is pending any more").isEmpty();
        runFor(Duration.ofSeconds(1));
        assertThat(mailer.sentCount()).isEqualTo(2);
    }

    @Test
    void aDeliveryIsDueWhenDecidedWhateverItsEventsTime() {
        // An order whose events say an hour ahead of this clock: its confirmation is due when
        // notifications decided it (now), not at the event's time. (Only a back-off is due later:
        // aRetryMovesTheEntryToItsBackOffAndIsNotHandedOverBefore.)
        Instant later = ARRIVAL.plus(Duration.ofHours(1));
        placed("o-later", later);
        assertThat(mailer.sentCount()).as("handed over at once").isEqualTo(1);

        advance(Duration.ofMillis(50)); // its answer is decided

        assertThat(notificationsEvents.readKeyValuesToList()).singleElement()
                .satisfies(r -> assertThat(r.key).isEqualTo("o-later"));
        assertThat(indexKeys()).isEmpty();
    }

    @Test
    void aRetryMovesTheEntryToItsBackOffAndIsNotHandedOverBefore() {
        orders(Events.orderPlaced("1", "bounce-transient-1@example.com").event());

        advance(Duration.ofMillis(50));
        var delivery = store.get(Events.ORDER).pending().get(NotificationTemplate.ORDER_CONFIRMATION);
        assertThat(mailer.handOvers(delivery.messageId())).isEqualTo(1);
        assertThat(delivery.notBefore()).as("the back-off runs from when the mailer answered")
                .isEqualTo(ARRIVAL.plusSeconds(1));
        assertThat(indexKeys()).containsExactly(DueTimeIndex.key(delivery.notBefore(), Events.ORDER));

        runFor(Duration.ofMillis(600)); // the back-off after the first failure is 1 s
        assertThat(mailer.handOvers(delivery.messageId())).isEqualTo(1);
        assertThat(notificationsEvents.isEmpty()).isTrue();

        runFor(Duration.ofSeconds(1));
        assertThat(mailer.handOvers(delivery.messageId())).isEqualTo(2);
        assertThat(templatesWritten()).containsExactly(NotificationTemplate.ORDER_CONFIRMATION);
        assertThat(indexKeys()).isEmpty();
    }

    @Test
    void aGivenUpDeliveryLeavesNoEntry() {
        orders(Events.orderPlaced("1", "bounce@example.com").event());

        runFor(Duration.ofSeconds(10));

        assertThat(store.get(Events.ORDER).undeliverable()).containsOnlyKeys(NotificationTemplate.ORDER_CONFIRMATION);
        assertThat(indexKeys()).isEmpty();
    }

    @Test
    void aStaleIndexEntryIsDroppedWithoutSendingAnything() {
        dueIndex.put(DueTimeIndex.key(Events.PLACED_AT, "ghost"), "ghost");

        advance(INTERVAL);

        assertThat(indexKeys()).isEmpty();
        assertThat(mailer.sentCount()).isZero();
        assertThat(notificationsEvents.isEmpty()).isTrue();
    }

    /** OrderPlaced for another order, at {@code at}, with its own event id (and so its own message id). */
    private void placed(String orderId, Instant at) {
        OrderPlaced event = OrderPlaced.newBuilder((OrderPlaced) Events.orderPlaced().event())
                .setOrderId(orderId)
                .setMetadata(Events.metadata("orders", "OrderPlaced", orderId, at))
                .build();
        ordersEvents.pipeInput(new TestRecord<>(orderId, event, ARRIVAL));
    }

    private List<String> indexKeys() {
        List<String> keys = new ArrayList<>();
        try (var all = dueIndex.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }
}
