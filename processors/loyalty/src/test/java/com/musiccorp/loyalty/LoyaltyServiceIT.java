package com.musiccorp.loyalty;

import static com.musiccorp.platform.http.security.CallerChecks.assertForbidden;
import static com.musiccorp.platform.http.security.CallerChecks.assertUnauthorized;
import static com.musiccorp.platform.http.security.CallerChecks.call;
import com.musiccorp.platform.http.security.TestTokens;
import static com.musiccorp.loyalty.domain.Events.correlationOf;
import static com.musiccorp.loyalty.domain.Events.orderDispatched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.musiccorp.events.PointsAwarded;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.platform.streams.ContextServiceProcess;
import com.musiccorp.platform.streams.DeadLetterProbe;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.EventSerdes;
import org.apache.avro.specific.SpecificRecord;
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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * End to end on a real broker and schema registry, with {@link LoyaltyService} as its own process
 * (as the start command runs it): a dispatched order earns its points once, the balance is served
 * over HTTP, a restart between orders neither loses nor repeats an award, and unreadable input is
 * dead-lettered without stopping the next order's points.
 */
class LoyaltyServiceIT {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    @TempDir
    static Path state;

    static SchemaRegistryServer registry;
    static ContextServiceProcess service;
    static Serde<SpecificRecord> events;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startSystem() throws Exception {
        registry = SchemaRegistryServer.start(kafka.bootstrapServers(), 0);
        events = EventSerdes.anyEvent(serdeConfig());
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
        return ContextServiceProcess.start("loyalty", LoyaltyService.class, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", registry.url(),
                "STATE_DIR", state.toString(),
                "LOYALTY_HTTP_PORT", "0"));
    }

    static java.util.Properties serdeConfig() {
        java.util.Properties config = new java.util.Properties();
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        return config;
    }

    @Test
    void balancesAreForOperatorsAndAdmins() throws Exception {
        assertUnauthorized(call(service.baseUrl() + "/loyalty/cust-1", null, null));
        assertForbidden(call(service.baseUrl() + "/loyalty/cust-1", TestTokens.customer("cust-1"), null),
                "the token's roles [customer] do not allow GET /loyalty/cust-1");
        assertThat(call(service.baseUrl() + "/loyalty/cust-nobody", TestTokens.operator(), null).statusCode())
                .as("an operator is let through to the lookup").isIn(404, 503);
        assertThat(call(service.baseUrl() + "/health/ready", null, null).statusCode()).isIn(200, 503);
    }

    @Test
    void aDispatchedOrderEarnsItsPointsOnceAndTheBalanceIsServed() throws Exception {
        String orderId = "it-order-1";
        String customer = "it-cust-1";
        try (var producer = producer()) {
            SpecificRecord dispatched = orderDispatched(orderId, customer, 5397, "GBP", "1").event();
            send(producer, TopicCatalog.WAREHOUSE_EVENTS, orderId, dispatched);
            send(producer, TopicCatalog.WAREHOUSE_EVENTS, orderId, dispatched); // redelivered
        }

        List<PointsAwarded> awarded = awards(read(TopicCatalog.LOYALTY_EVENTS, key -> key.equals(orderId), 1));
        assertThat(awarded).singleElement().satisfies(points -> {
            assertThat(points.getCustomerId()).isEqualTo(customer);
            assertThat(points.getPoints()).isEqualTo(53L);
            assertThat(points.getNewBalance()).isEqualTo(53L);
            assertThat(points.getMetadata().getCorrelationId()).isEqualTo(correlationOf(orderId));
        });

        JsonNode balance = awaitBalance(customer, 53);
        assertThat(balance.get("customerId").asText()).isEqualTo(customer);
        assertThat(balance.get("creditedOrders").asInt()).isEqualTo(1);
        HttpResponse<String> unknown = get("/loyalty/nobody-" + System.nanoTime());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no points were ever credited");
        for (String badId : new String[] {"%00", "%ff", "a%2Fb", "..", "x".repeat(5_000)}) {
            HttpResponse<String> refused = get("/loyalty/" + badId);
            assertThat(refused.statusCode()).as(badId).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).path("violations").path(0).path("field").asText())
                    .isEqualTo("customerId");
        }
    }

    @Test
    void aRestartBetweenOrdersNeitherLosesNorRepeatsAnAward() throws Exception {
        String customer = "it-cust-restart";
        try (var producer = producer()) {
            dispatch(producer, "it-restart-a", customer, 1000);
            dispatch(producer, "it-restart-b", customer, 2000);
        }
        read(TopicCatalog.LOYALTY_EVENTS, key -> key.startsWith("it-restart-"), 2);
        awaitBalance(customer, 30);

        service.close();
        try (var producer = producer()) {
            // Read while loyalty is down; one of them was already handled before the stop.
            send(producer, TopicCatalog.WAREHOUSE_EVENTS, "it-restart-a",
                    orderDispatched("it-restart-a", customer, 1000, "GBP", "1").event());
            dispatch(producer, "it-restart-c", customer, 4000);
        }
        service = startService();
        try (var producer = producer()) {
            dispatch(producer, "it-restart-d", customer, 8000);
        }

        List<PointsAwarded> awarded = awards(read(TopicCatalog.LOYALTY_EVENTS, key -> key.startsWith("it-restart-"), 4));
        assertThat(awarded).extracting(PointsAwarded::getOrderId)
                .containsExactlyInAnyOrder("it-restart-a", "it-restart-b", "it-restart-c", "it-restart-d");
        assertThat(awarded).extracting(PointsAwarded::getPoints).containsExactlyInAnyOrder(10L, 20L, 40L, 80L);
        assertThat(awaitBalance(customer, 150).get("creditedOrders").asInt()).isEqualTo(4);
    }

    @Test
    void unreadableRecordsAreDeadLetteredAndTheNextOrderIsStillAwarded() throws Exception {
        DeadLetterProbe.assertUnreadableRecordsAreDeadLettered(kafka.bootstrapServers(), "loyalty",
                TopicCatalog.WAREHOUSE_EVENTS);

        try (var producer = producer()) {
            dispatch(producer, "it-after-dlq", "it-cust-dlq", 2599);
        }
        assertThat(awards(read(TopicCatalog.LOYALTY_EVENTS, key -> key.equals("it-after-dlq"), 1)))
                .singleElement().extracting(PointsAwarded::getPoints).isEqualTo(25L);
        awaitBalance("it-cust-dlq", 25);
    }

    private void dispatch(KafkaProducer<byte[], byte[]> producer, String orderId, String customer,
            long totalMinor) throws Exception {
        send(producer, TopicCatalog.WAREHOUSE_EVENTS, orderId,
                orderDispatched(orderId, customer, totalMinor, "GBP", "1").event());
    }

    /** The customer's balance once GET answers 200 with {@code expected} (503 while Streams is starting). */
    private JsonNode awaitBalance(String customer, long expected) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> response = get("/loyalty/" + customer);
            if (response.statusCode() != 200) {
                return false;
            }
            last[0] = JSON.readTree(response.body());
            return last[0].get("balance").asLong() == expected;
        });
        return last[0];
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(TestTokens.adminRequest(URI.create(service.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, SpecificRecord event)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, null, EventHeaders.metadataOf(event).getOccurredAt().toEpochMilli(),
                key.getBytes(StandardCharsets.UTF_8), events.serializer().serialize(topic, event),
                EventHeaders.of(event))).get();
    }

    private static List<PointsAwarded> awards(List<ConsumerRecord<byte[], byte[]>> records) {
        assertThat(records).allSatisfy(r ->
                assertThat(EventHeaders.text(r.headers(), EventHeaders.EVENT_TYPE)).isEqualTo("PointsAwarded"));
        return records.stream()
                .map(r -> (PointsAwarded) events.deserializer().deserialize(TopicCatalog.LOYALTY_EVENTS, r.value()))
                .toList();
    }

    /** Committed records whose key matches, once {@code expected} are there and the topic stayed quiet for 2 s. */
    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, Predicate<String> key, int expected) {
        List<ConsumerRecord<byte[], byte[]>> matching = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
                "group.id", "it-reader-" + System.nanoTime(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> collect(r, key, matching));
                return matching.size() >= expected;
            });
            long quietUntil = System.currentTimeMillis() + 2000;
            while (System.currentTimeMillis() < quietUntil) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> collect(r, key, matching));
            }
        }
        return matching;
    }

    private static void collect(ConsumerRecord<byte[], byte[]> r, Predicate<String> key,
            List<ConsumerRecord<byte[], byte[]>> into) {
        if (r.key() != null && key.test(new String(r.key(), StandardCharsets.UTF_8))) {
            into.add(r);
        }
    }
}
