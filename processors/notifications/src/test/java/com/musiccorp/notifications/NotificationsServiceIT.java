package com.musiccorp.notifications;

import static com.musiccorp.events.NotificationTemplate.ORDER_CANCELLED;
import static com.musiccorp.events.NotificationTemplate.ORDER_CONFIRMATION;
import static com.musiccorp.events.NotificationTemplate.ORDER_DISPATCHED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.EventMetadata;
import com.musiccorp.events.NotificationSent;
import com.musiccorp.events.NotificationTemplate;
import com.musiccorp.notifications.domain.Events;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.platform.streams.ContextServiceProcess;
import com.musiccorp.platform.streams.DeadLetterProbe;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.EventSerdes;
import com.musiccorp.schemas.Causation;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;

/**
 * End to end on a real broker and schema registry, with {@link NotificationsService} as its own
 * process (as the start command runs it). What the customer gets is read from the simulated
 * mailer's mailbox file (one line per message it took) and from notifications.events: a
 * confirmation, a dispatch notice and a cancellation, each once per (order, template) even across a
 * restart; a recipient that fails twice gets its message after the retries, one that always bounces
 * is given up without a NotificationSent; unreadable input is dead-lettered and the next order is
 * still confirmed.
 */
class NotificationsServiceIT {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    @TempDir
    static Path state;

    static SchemaRegistryServer registry;
    static ContextServiceProcess service;
    static Serde<SpecificRecord> events;
    static Path mailbox;

    @BeforeAll
    static void startSystem() throws Exception {
        registry = SchemaRegistryServer.start(kafka.bootstrapServers(), 0);
        Properties serdeConfig = new Properties();
        serdeConfig.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        events = EventSerdes.anyEvent(serdeConfig);
        mailbox = state.resolve("mailbox.log");
        service = startService();
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (service != null) {
            service.close(); // SIGTERM; fails unless it stops by itself
        }
        if (events != null) {
            events.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    static ContextServiceProcess startService() throws Exception {
        return ContextServiceProcess.start("notifications", NotificationsService.class, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", registry.url(),
                "STATE_DIR", state.resolve("streams").toString(),
                "NOTIFICATIONS_HTTP_PORT", "0",
                "NOTIFICATIONS_MAILBOX", mailbox.toString(),
                "NOTIFICATIONS_RETRY_FIRST_DELAY_MS", "200",
                "NOTIFICATIONS_SEND_MAX_ATTEMPTS", "4"));
    }

    @Test
    void anOrderIsConfirmedAndDispatchedAndAnotherCancelledOncePerTemplate() throws Exception {
        try (var producer = producer()) {
            send(producer, TopicCatalog.ORDERS_EVENTS, forOrder(Events.orderPlaced().event(), "it-happy"));
            send(producer, TopicCatalog.WAREHOUSE_EVENTS, forOrder(Events.orderDispatched().event(), "it-happy"));
            send(producer, TopicCatalog.ORDERS_EVENTS, forOrder(Events.orderPlaced().event(), "it-happy")); // redelivered
            send(producer, TopicCatalog.ORDERS_EVENTS, forOrder(Events.orderPlaced().event(), "it-cancelled"));
            send(producer, TopicCatalog.ORDERS_EVENTS, forOrder(
                    Events.orderCancelled(CancellationReason.INSUFFICIENT_STOCK).event(), "it-cancelled"));
        }

        List<NotificationSent> sent = notifications(key -> key.startsWith("it-happy") || key.startsWith("it-cancelled"), 4);
        assertThat(sent).extracting(s -> s.getOrderId() + " " + s.getTemplate()).containsExactlyInAnyOrder(
                "it-happy ORDER_CONFIRMATION", "it-happy ORDER_DISPATCHED",
                "it-cancelled ORDER_CONFIRMATION", "it-cancelled ORDER_CANCELLED");
        assertThat(sent).allSatisfy(s -> assertThat(s.getMetadata().getCorrelationId())
                .isEqualTo("saga-of-" + s.getOrderId()));
        assertThat(mailboxLines("it-happy")).containsExactly(
                "ORDER_CONFIRMATION\t" + Events.EMAIL, "ORDER_DISPATCHED\t" + Events.EMAIL);
        assertThat(mailboxLines("it-cancelled")).containsExactly(
                "ORDER_CONFIRMATION\t" + Events.EMAIL, "ORDER_CANCELLED\t" + Events.CANCEL_EMAIL);
    }

    @Test
    void aRestartNeitherLosesNorRepeatsAMessage() throws Exception {
        try (var producer = producer()) {
            send(producer, TopicCatalog.ORDERS_EVENTS, forOrder(Events.orderPlaced().event(), "it-restart-1"));
        }
        notifications(key -> key.equals("it-restart-1"), 1);

        service.close();
        try (var producer = producer()) {
            // Written while notifications is down: a redelivery of what it already handled, and new work.
            send(producer, TopicCatalog.ORDERS_EVENTS, forOrder(Events.orderPlaced().event(), "it-restart-1"));
            send(producer, TopicCatalog.WAREHOUSE_EVENTS, forOrder(Events.orderDispatched().event(), "it-restart-1"));
            send(producer, TopicCatalog.ORDERS_EVENTS, forOrder(Events.orderPlaced().event(), "it-restart-2"));
        }
        service = startService();
        try (var producer = producer()) {
            send(producer, TopicCatalog.ORDERS_EVENTS, forOrder(Events.orderPlaced().event(), "it-restart-3"));
        }

        List<NotificationSent> sent = notifications(key -> key.startsWith("it-restart-"), 4);
        assertThat(sent).extracting(s -> s.getOrderId() + " " + s.getTemplate()).containsExactlyInAnyOrder(
                "it-restart-1 ORDER_CONFIRMATION", "it-restart-1 ORDER_DISPATCHED",
                "it-restart-2 ORDER_CONFIRMATION", "it-restart-3 ORDER_CONFIRMATION");
        assertThat(mailboxLines("it-restart-1")).containsExactly(
                "ORDER_CONFIRMATION\t" + Events.EMAIL, "ORDER_DISPATCHED\t" + Events.EMAIL);
        assertThat(mailboxLines("it-restart-2")).hasSize(1);
        assertThat(mailboxLines("it-restart-3")).hasSize(1);
    }

    @Test
    void aRecipientFailingTwiceGetsItsMessageAfterRetriesAndOneThatAlwaysBouncesIsGivenUp() throws Exception {
        try (var producer = producer()) {
            send(producer, TopicCatalog.ORDERS_EVENTS,
                    forOrder(Events.orderPlaced("1", "bounce-transient-2@example.com").event(), "it-flaky"));
            send(producer, TopicCatalog.ORDERS_EVENTS,
                    forOrder(Events.orderPlaced("1", "bounce@example.com").event(), "it-bounce"));
        }

        assertThat(notifications(key -> key.equals("it-flaky"), 1)).singleElement()
                .satisfies(s -> assertThat(s.getRecipient()).isEqualTo("bounce-transient-2@example.com"));
        assertThat(mailboxLines("it-flaky")).containsExactly("ORDER_CONFIRMATION\tbounce-transient-2@example.com");

        Path log = Path.of("target/notifications-service-it.log");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Files.readString(log).contains("Order it-bounce: ORDER_CONFIRMATION given up after 4 attempts"));
        assertThat(notifications(key -> key.equals("it-bounce"), 0)).isEmpty();
        assertThat(mailboxLines("it-bounce")).isEmpty();
    }

    @Test
    void unreadableRecordsAreDeadLetteredAndTheNextOrderIsStillConfirmed() throws Exception {
        DeadLetterProbe.assertUnreadableRecordsAreDeadLettered(kafka.bootstrapServers(), "notifications",
                TopicCatalog.ORDERS_EVENTS);

        try (var producer = producer()) {
            send(producer, TopicCatalog.ORDERS_EVENTS, forOrder(Events.orderPlaced().event(), "it-after-dlq"));
        }
        assertThat(notifications(key -> key.equals("it-after-dlq"), 1)).singleElement()
                .extracting(NotificationSent::getTemplate).isEqualTo(ORDER_CONFIRMATION);
        assertThat(mailboxLines("it-after-dlq")).hasSize(1);
    }

    /** The test events of {@link Events}, for another order: own order id, event id and saga. */
    static <T extends SpecificRecordBase> T forOrder(T event, String orderId) {
        T copy = SpecificData.get().deepCopy(event.getSchema(), event);
        copy.put("orderId", orderId);
        EventMetadata metadata = (EventMetadata) copy.get("metadata");
        metadata.setEventId(Causation.deterministicId(metadata.getEventId() + "/" + orderId));
        metadata.setCorrelationId("saga-of-" + orderId);
        return copy;
    }

    /** "TEMPLATE\taddress" of every message the mailer took for the order, in the order it took them. */
    static List<String> mailboxLines(String orderId) throws Exception {
        if (!Files.exists(mailbox)) {
            return List.of();
        }
        return Files.readAllLines(mailbox, StandardCharsets.UTF_8).stream()
                .map(line -> line.split("\t"))
                .filter(fields -> fields[1].equals(orderId))
                .map(fields -> fields[2] + "\t" + fields[3])
                .toList();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, SpecificRecordBase event)
            throws Exception {
        String key = (String) event.get("orderId");
        producer.send(new ProducerRecord<>(topic, null, EventHeaders.metadataOf(event).getOccurredAt().toEpochMilli(),
                key.getBytes(StandardCharsets.UTF_8), events.serializer().serialize(topic, event),
                EventHeaders.of(event))).get();
    }

    /** The NotificationSent events whose key matches, once {@code expected} are there and the topic stayed quiet for 2 s. */
    private static List<NotificationSent> notifications(Predicate<String> key, int expected) {
        List<ConsumerRecord<byte[], byte[]>> matching = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
                "group.id", "it-reader-" + System.nanoTime(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(TopicCatalog.NOTIFICATIONS_EVENTS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> collect(r, key, matching));
                return matching.size() >= expected;
            });
            long quietUntil = System.currentTimeMillis() + 2000;
            while (System.currentTimeMillis() < quietUntil) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> collect(r, key, matching));
            }
        }
        return matching.stream()
                .map(r -> (NotificationSent) events.deserializer().deserialize(TopicCatalog.NOTIFICATIONS_EVENTS, r.value()))
                .toList();
    }

    private static void collect(ConsumerRecord<byte[], byte[]> r, Predicate<String> key,
            List<ConsumerRecord<byte[], byte[]>> into) {
        if (r.key() != null && key.test(new String(r.key(), StandardCharsets.UTF_8))) {
            into.add(r);
        }
    }
}
