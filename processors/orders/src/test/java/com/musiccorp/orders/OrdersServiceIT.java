package com.musiccorp.orders;

import static com.musiccorp.platform.http.security.CallerChecks.assertForbidden;
import static com.musiccorp.platform.http.security.CallerChecks.assertUnauthorized;
import static com.musiccorp.platform.http.security.CallerChecks.call;
import com.musiccorp.platform.http.security.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.musiccorp.events.OrderCancelled;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.StockInsufficient;
import com.musiccorp.orders.domain.OrderPlacement;
import com.musiccorp.orders.stream.TestEvents;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.ContextServiceProcess;
import com.musiccorp.platform.streams.DeadLetterProbe;
import com.musiccorp.platform.streams.EventSerdes;
import com.musiccorp.platform.streams.TopicRecords;
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
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end on a real broker and schema registry, with {@link OrdersService} as its own process
 * (as the start command runs it): place an order over HTTP, see it in the store, then the
 * warehouse's StockInsufficient cancels it.
 */
class OrdersServiceIT {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    @TempDir
    static Path state;

    static SchemaRegistryServer registry;
    static ContextServiceProcess service;
    static String baseUrl;
    static Serde<SpecificRecord> events;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startSystem() throws Exception {
        registry = SchemaRegistryServer.start(kafka.bootstrapServers(), 0);
        Properties serdeConfig = new Properties();
        serdeConfig.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        events = EventSerdes.anyEvent(serdeConfig);

        startService();
    }

    private static void startService() throws Exception {
        service = ContextServiceProcess.start("orders", OrdersService.class, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", registry.url(),
                "STATE_DIR", state.toString(),
                "ORDERS_HTTP_PORT", "0"));
        baseUrl = service.baseUrl();
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

    @Test
    void anOrderIsPlacedShownAndCancelledForLackOfStock() throws Exception {
        String body = JSON.writeValueAsString(TestEvents.request(null));

        HttpResponse<String> placed = post(body, "retry-me");
        assertThat(placed.statusCode()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(placed.body());
        String orderId = accepted.get("orderId").asText();
        assertThat(accepted.get("correlationId").asText()).isEqualTo(OrderPlacement.correlationIdFor(orderId))
                .isNotEqualTo(orderId);
        assertThat(placed.headers().firstValue("Location")).hasValue("/orders/" + orderId);

        // Read-your-writes: with the answer's position the view waits until it has the order, never a 404.
        String position = accepted.get("position").asText();
        assertThat(position).matches("orders\\.events:\\d:\\d+");
        HttpResponse<String> mine = get("/orders/" + orderId + "?position=" + position);
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        assertThat(JSON.readTree(mine.body()).get("status").asText()).isEqualTo("PLACED");
        HttpResponse<String> badToken = get("/orders/" + orderId + "?position=nonsense");
        assertThat(badToken.statusCode()).as(badToken.body()).isEqualTo(400);
        assertThat(JSON.readTree(badToken.body()).get("violations").findValuesAsText("field")).containsExactly("position");
        String partition = position.split(":")[1];
        HttpResponse<String> ahead = get("/orders/" + orderId + "?position=orders.events:" + partition + ":999999&wait=PT0.5S");
        assertThat(ahead.statusCode()).as(position + " -> " + ahead.body()).isEqualTo(400);
        assertThat(JSON.readTree(ahead.body()).get("violations").findValuesAsText("message"))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING).contains("has not been written");

        HttpResponse<String> retried = post(body, "retry-me");
        assertThat(retried.statusCode()).isEqualTo(202);
        JsonNode retriedBody = JSON.readTree(retried.body());
        assertThat(retriedBody.get("orderId")).isEqualTo(accepted.get("orderId"));
        assertThat(retriedBody.get("correlationId")).isEqualTo(accepted.get("correlationId"));

        ObjectNode invalid = (ObjectNode) JSON.readTree(body);
        invalid.remove("customerEmail");
        ((ObjectNode) invalid.get("lines").get(1)).put("quantity", 0);
        HttpResponse<String> refused = post(invalid.toString(), "invalid-1");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).get("violations").findValuesAsText("field"))
                .containsExactlyInAnyOrder("customerEmail", "lines[1].quantity");

        JsonNode view = awaitOrder(orderId, "PLACED");
        assertThat(view.get("totalMinor").asLong()).isEqualTo(5997);
        assertThat(view.has("paymentMethodToken")).isFalse();
        HttpResponse<String> unknown = get("/orders/no-such-order");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("message").asText()).contains("no-such-order");
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);

        List<ConsumerRecord<byte[], byte[]>> placedRecords = read(TopicCatalog.ORDERS_EVENTS, orderId, "OrderPlaced", 1);
        assertThat(placedRecords).as("a retried POST places nothing new").hasSize(1);
        OrderPlaced orderPlaced = (OrderPlaced) events.deserializer()
                .deserialize(TopicCatalog.ORDERS_EVENTS, placedRecords.getFirst().value());

        StockInsufficient insufficient = TestEvents.stockInsufficient(orderPlaced);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TopicCatalog.WAREHOUSE_EVENTS, null,
                    insufficient.getMetadata().getOccurredAt().toEpochMilli(), bytes(orderId),
                    events.serializer().serialize(TopicCatalog.WAREHOUSE_EVENTS, insufficient),
                    EventHeaders.of(insufficient))).get();
            producer.send(new ProducerRecord<>(TopicCatalog.WAREHOUSE_EVENTS, bytes("garbage"), bytes("not avro"))).get();
        }

        JsonNode cancelled = awaitOrder(orderId, "CANCELLED");
        assertThat(cancelled.get("cancellationCode").asText()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(cancelled.get("cancellationReason").asText()).contains("SKU-1", "short by 2");
        ConsumerRecord<byte[], byte[]> cancellation = read(TopicCatalog.ORDERS_EVENTS, orderId, "OrderCancelled", 1).getFirst();
        OrderCancelled orderCancelled = (OrderCancelled) events.deserializer()
                .deserialize(TopicCatalog.ORDERS_EVENTS, cancellation.value());
        assertThat(orderCancelled.getReason()).isEqualTo(cancelled.get("cancellationReason").asText());
        assertThat(cancellation.timestamp()).as("its own event time: when orders decided it")
                .isEqualTo(orderCancelled.getMetadata().getOccurredAt().toEpochMilli())
                .isGreaterThanOrEqualTo(orderPlaced.getMetadata().getOccurredAt().toEpochMilli());

        assertThat(read(TopicCatalog.deadLetterTopic("orders"), "garbage", null, 1)).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(bytes("not avro")));
    }

    /**
     * Restarted with nothing new to read, orders still places an order in a partition of
     * orders.events that had orders: its last offsets are the commit markers of orders' own
     * OrderCancelled, which an idle topology never commits past.
     */
    @Test
    void afterARestartWithNothingNewToReadAnOrderIsPlacedInAPartitionThatHadOrders() throws Exception {
        String body = JSON.writeValueAsString(TestEvents.request(null));
        String before = JSON.readTree(post(body, "before-the-restart").body()).get("orderId").asText();
        OrderPlaced placed = (OrderPlaced) events.deserializer().deserialize(TopicCatalog.ORDERS_EVENTS,
                read(TopicCatalog.ORDERS_EVENTS, before, "OrderPlaced", 1).getFirst().value());
        send(TopicCatalog.WAREHOUSE_EVENTS, TestEvents.stockInsufficient(placed));
        awaitOrder(before, "CANCELLED");

        service.close(); // SIGTERM
        startService();

        int partition = partitionOf(before);
        String key = java.util.stream.IntStream.range(0, 1_000).mapToObj(i -> "after-the-restart-" + i)
                .filter(k -> partitionOf(OrderPlacement.orderIdFor("cust-1", k)) == partition).findFirst().orElseThrow();
        HttpResponse<String> after = post(body, key);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(202);
        assertThat(JSON.readTree(after.body()).get("position").asText()).startsWith("orders.events:" + partition + ":");
    }

    private static int partitionOf(String orderId) {
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(bytes(orderId)))
                % TopicCatalog.get(TopicCatalog.ORDERS_EVENTS).partitions();
    }

    @Test
    void anOperatorCancelsAnOrderWhoseDispatchFailed() throws Exception {
        // Unreadable records are set aside first; everything below shows processing went on.
        DeadLetterProbe.assertUnreadableRecordsAreDeadLettered(kafka.bootstrapServers(), "orders",
                TopicCatalog.WAREHOUSE_EVENTS);

        HttpResponse<String> placed = post(JSON.writeValueAsString(TestEvents.request(null)), "cancel-me");
        assertThat(placed.statusCode()).isEqualTo(202);
        String orderId = JSON.readTree(placed.body()).get("orderId").asText();
        awaitOrder(orderId, "PLACED");

        HttpResponse<String> early = cancel(orderId, "{\"reason\":\"changed my mind\"}", "op-early");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(early.body()).get("message").asText()).contains("still in progress (PLACED)");
        HttpResponse<String> noReason = cancel(orderId, "{}", "op-no-reason");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noReason.body()).get("violations").findValuesAsText("field")).containsExactly("reason");
        assertThat(cancel("no-such-order", "{\"reason\":\"x\"}", "op-x").statusCode()).isEqualTo(404);

        OrderPlaced orderPlaced = (OrderPlaced) events.deserializer().deserialize(TopicCatalog.ORDERS_EVENTS,
                read(TopicCatalog.ORDERS_EVENTS, orderId, "OrderPlaced", 1).getFirst().value());
        var reserved = TestEvents.stockReserved(orderPlaced);
        var taken = TestEvents.paymentTaken(reserved);
        var packaged = TestEvents.orderPackaged(taken);
        send(TopicCatalog.WAREHOUSE_EVENTS, reserved);
        send(TopicCatalog.PAYMENTS_EVENTS, taken);
        send(TopicCatalog.WAREHOUSE_EVENTS, packaged);
        send(TopicCatalog.WAREHOUSE_EVENTS, TestEvents.dispatchFailed(packaged));
        awaitOrder(orderId, "NEEDS_ATTENTION");

        HttpResponse<String> accepted = cancel(orderId, "{\"reason\":\"the carrier lost the parcel\"}", "op-1");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("Location")).hasValue("/orders/" + orderId);
        assertThat(JSON.readTree(accepted.body()).get("correlationId").asText())
                .isEqualTo(orderPlaced.getMetadata().getCorrelationId());
        // Read-your-writes for a command too: with its position the order is shown once the command is decided.
        String position = JSON.readTree(accepted.body()).get("position").asText();
        assertThat(position).startsWith("orders.commands:");
        HttpResponse<String> decided = get("/orders/" + orderId + "?position=" + position);
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        assertThat(JSON.readTree(decided.body()).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancel(orderId, "{\"reason\":\"the carrier lost the parcel\"}", "op-1").statusCode())
                .as("a retried request").isEqualTo(202);

        JsonNode cancelled = awaitOrder(orderId, "CANCELLED");
        assertThat(cancelled.get("cancellationCode").asText()).isEqualTo("DISPATCH_FAILED");
        assertThat(cancelled.get("cancellationReason").asText()).contains("the carrier lost the parcel");
        assertThat(read(TopicCatalog.ORDERS_EVENTS, orderId, "OrderCancelled", 1)).as("cancelled once").hasSize(1);
        assertThat(cancel(orderId, "{\"reason\":\"again\"}", "op-2").statusCode()).isEqualTo(409);
    }

    @Test
    void aCustomerPlacesAndReadsOnlyItsOwnOrdersAndOnlyOperatorsCancel() throws Exception {
        String body = JSON.writeValueAsString(TestEvents.request(null)); // for cust-1
        String ada = TestTokens.customer("cust-1");
        String grace = TestTokens.customer("cust-2");

        assertUnauthorized(call(baseUrl + "/orders", null, body, "Idempotency-Key", "sec-1"));
        assertForbidden(call(baseUrl + "/orders", grace, body, "Idempotency-Key", "sec-1"),
                "customer cust-2 may only use its own customer id");
        HttpResponse<String> placed = call(baseUrl + "/orders", ada, body, "Idempotency-Key", "sec-1");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(placed.body());
        String order = "/orders/" + accepted.get("orderId").asText() + "?position=" + accepted.get("position").asText();

        assertUnauthorized(call(baseUrl + order, null, null));
        HttpResponse<String> own = call(baseUrl + order, ada, null);
        assertThat(own.statusCode()).isEqualTo(200);
        assertForbidden(call(baseUrl + order, grace, null), "customer cust-2 may only use its own orders");

        // Personal data: the customer and admins see it; an operator sees the order without it.
        JsonNode asCustomer = JSON.readTree(own.body());
        assertThat(asCustomer.get("personalData").asText()).isEqualTo("shown");
        assertThat(asCustomer.get("customerEmail").asText()).contains("@");
        assertThat(asCustomer.at("/shippingAddress/line1").asText()).isNotBlank();
        JsonNode asAdmin = JSON.readTree(call(baseUrl + order, TestTokens.admin(), null).body());
        assertThat(asAdmin).isEqualTo(asCustomer);
        HttpResponse<String> operator = call(baseUrl + order, TestTokens.operator(), null);
        assertThat(operator.statusCode()).isEqualTo(200);
        JsonNode asOperator = JSON.readTree(operator.body());
        assertThat(asOperator.get("personalData").asText()).isEqualTo("withheld");
        assertThat(asOperator.get("customerId").asText()).isEqualTo("cust-1");
        assertThat(asOperator.get("lines")).isEqualTo(asCustomer.get("lines"));
        assertThat(asOperator.at("/shippingAddress/postalCode")).isEqualTo(asCustomer.at("/shippingAddress/postalCode"));
        for (String gone : java.util.List.of(asCustomer.get("customerName").asText(), asCustomer.get("customerEmail").asText(),
                asCustomer.at("/shippingAddress/line1").asText())) {
            assertThat(operator.body()).as("an operator's view").doesNotContain(gone);
        }

        String cancellation = "/orders/" + accepted.get("orderId").asText() + "/cancellation";
        assertForbidden(call(baseUrl + cancellation, ada, "{\"reason\":\"changed my mind\"}", "Idempotency-Key", "sec-c"),
                "the token's roles [customer] do not allow POST " + cancellation);
        assertForbidden(call(baseUrl + "/admin/orders/digest", TestTokens.operator(), null), "[operator] do not allow");
        assertThat(call(baseUrl + "/health/ready", null, null).statusCode()).as("readiness is open").isEqualTo(200);
        assertUnauthorized(call(baseUrl + "/prometheus", null, null));
        assertForbidden(call(baseUrl + "/prometheus", ada, null), "[customer] do not allow GET /prometheus");
        String scraper = TestTokens.mint("metrics", java.util.List.of("metrics"), null);
        assertThat(call(baseUrl + "/prometheus", scraper, null).statusCode()).as("a scraper's token reads metrics").isEqualTo(200);
        assertForbidden(call(baseUrl + order, scraper, null), "[metrics] do not allow");
    }

    private HttpResponse<String> cancel(String orderId, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = TestTokens.adminRequest(URI.create(baseUrl + "/orders/" + orderId + "/cancellation"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void send(String topic, SpecificRecord event) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            String orderId = event.get(event.getSchema().getField("orderId").pos()).toString();
            producer.send(new ProducerRecord<>(topic, null, EventHeaders.metadataOf(event).getOccurredAt().toEpochMilli(),
                    bytes(orderId), events.serializer().serialize(topic, event), EventHeaders.of(event))).get();
        }
    }

    private JsonNode awaitOrder(String orderId, String status) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> response = get("/orders/" + orderId);
            if (response.statusCode() != 200) {
                return false;
            }
            seen[0] = JSON.readTree(response.body());
            return seen[0].get("status").asText().equals(status);
        });
        return seen[0];
    }

    /** Posts as a well-behaved client does: a 503 (with its Retry-After) is tried again. */
    private HttpResponse<String> post(String body, String idempotencyKey) {
        java.util.concurrent.atomic.AtomicReference<HttpResponse<String>> answer = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = postOnce(body, idempotencyKey);
            answer.set(response);
            if (response.statusCode() == 503) {
                assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
                System.out.println("503, retrying: " + response.body());
                return false;
            }
            return true;
        });
        return answer.get();
    }

    private HttpResponse<String> postOnce(String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = TestTokens.adminRequest(URI.create(baseUrl + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(TestTokens.adminRequest(URI.create(baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, String key, String eventType, int expected) {
        return TopicRecords.read(kafka.bootstrapServers(), topic, key, eventType, expected);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
