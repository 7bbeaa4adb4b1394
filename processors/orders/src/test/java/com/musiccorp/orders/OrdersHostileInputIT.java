package com.musiccorp.orders;

import com.musiccorp.platform.http.security.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.musiccorp.events.OrderPackaged;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.PaymentTaken;
import com.musiccorp.events.StockReserved;
import com.musiccorp.orders.stream.TestEvents;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.platform.streams.ContextServiceProcess;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.EventSerdes;
import com.musiccorp.platform.streams.TopicRecords;
import com.musiccorp.schemas.ContractLimits;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile input against the orders service as its own process, on a real broker and registry: every
 * malformed request gets a 4xx with a JSON reason naming the field at fault, and nothing is written
 * for it (the end offsets of orders.events and orders.commands are the same before and after).
 */
class OrdersHostileInputIT {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    @TempDir
    static Path state;

    static SchemaRegistryServer registry;
    static ContextServiceProcess service;
    static String baseUrl;
    static Serde<SpecificRecord> events;
    /** A placed order, for the queries and cancellations below. */
    static String orderId;
    static String position;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> WRITTEN_BY_ORDERS = List.of(TopicCatalog.ORDERS_EVENTS, TopicCatalog.ORDERS_COMMANDS);

    @BeforeAll
    static void startSystem() throws Exception {
        registry = SchemaRegistryServer.start(kafka.bootstrapServers(), 0);
        Properties serdeConfig = new Properties();
        serdeConfig.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        events = EventSerdes.anyEvent(serdeConfig);
        service = ContextServiceProcess.start("orders", OrdersService.class, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", registry.url(),
                "STATE_DIR", state.toString(),
                "ORDERS_HTTP_PORT", "0"));
        baseUrl = service.baseUrl();

        HttpResponse<String> placed = awaitNot503(() -> post("/orders", validOrder().toString(), "hostile-base"));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        orderId = JSON.readTree(placed.body()).get("orderId").asText();
        position = JSON.readTree(placed.body()).get("position").asText();
        assertThat(get("/orders/" + orderId + "?position=" + position).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (service != null) {
            service.close();
        }
        if (events != null) {
            events.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    // ------------------------------------------------------------------ body size

    @ParameterizedTest
    @ValueSource(ints = {ContractLimits.MAX_REQUEST_BODY_BYTES + 1, 1024 * 1024 + 1, 10 * 1024 * 1024 + 1})
    void a_body_over_the_limit_is_a_json_413_naming_it(int bytes) throws Exception {
        String body = "{\"customerId\":\"" + "x".repeat(bytes - 17) + "\"}";

        HttpResponse<String> answer = withoutWriting(() -> post("/orders", body, "too-big-" + bytes));

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(answer.body()).get("message").asText())
                .contains(String.valueOf(ContractLimits.MAX_REQUEST_BODY_BYTES));
    }

    @Test
    void a_chunked_body_over_the_limit_is_a_json_413_too() throws Exception {
        byte[] body = ("{\"customerId\":\"" + "x".repeat(2 * ContractLimits.MAX_REQUEST_BODY_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = withoutWriting(() -> HTTP.send(TestTokens.adminRequest(uri("/orders"))
                .header("Content-Type", "application/json").header("Idempotency-Key", "chunked")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString()));

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(answer.body()).get("message").asText())
                .contains(String.valueOf(ContractLimits.MAX_REQUEST_BODY_BYTES));
    }

    @Test
    void twelve_thousand_lines_are_refused_and_more_lines_than_allowed_are_named() throws Exception {
        ObjectNode huge = validOrder();
        huge.set("lines", lines(12_000));
        assertThat(withoutWriting(() -> post("/orders", huge.toString(), "huge")).statusCode()).isEqualTo(413);

        ObjectNode tooMany = validOrder();
        tooMany.set("lines", lines(ContractLimits.MAX_LINES_PER_ORDER + 1));
        assertViolations(withoutWriting(() -> post("/orders", tooMany.toString(), "too-many")),
                Map.of("lines", "at most 100 lines"));
    }

    // ------------------------------------------------------------------ fields

    @Test
    void every_bound_of_an_order_is_named_by_its_field() throws Exception {
        ObjectNode order = validOrder();
        order.put("customerId", "cust/../1");
        order.put("customerName", "n".repeat(ContractLimits.MAX_TEXT_LENGTH + 1));
        order.put("paymentMethodToken", "t".repeat(ContractLimits.MAX_PAYMENT_TOKEN_LENGTH + 1));
        ObjectNode line = (ObjectNode) order.get("lines").get(0);
        line.put("title", "t".repeat(ContractLimits.MAX_TEXT_LENGTH + 1));
        line.put("quantity", ContractLimits.MAX_QUANTITY + 1);
        line.put("unitPriceMinor", ContractLimits.MAX_UNIT_PRICE_MINOR + 1);
        ((ObjectNode) order.get("shippingAddress")).put("line1", "3 Abbey Road\u0000");

        assertViolations(withoutWriting(() -> post("/orders", order.toString(), "bounds")), Map.of(
                "customerId", "must be letters, digits",
                "customerName", "must be at most 200 characters",
                "lines[0].title", "must be at most 200 characters",
                "lines[0].quantity", "must be at most 10000",
                "lines[0].unitPriceMinor", "must be at most 100000000",
                "shippingAddress.line1", "must not contain control characters",
                "paymentMethodToken", "must be at most 200 characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "true", "\"1\"", "[1]", "1e0"})
    void a_quantity_of_the_wrong_json_type_is_refused_not_coerced(String quantity) throws Exception {
        String body = validOrder().toString().replace("\"quantity\":2", "\"quantity\":" + quantity);

        assertViolations(withoutWriting(() -> post("/orders", body, "coerce-" + quantity.hashCode())),
                Map.of("lines[0].quantity", "must be"));
    }

    @Test
    void duplicate_keys_trailing_content_and_non_json_are_refused() throws Exception {
        String valid = validOrder().toString();
        for (String body : List.of(valid.replaceFirst("\\{", "{\"currency\":\"USD\","), valid + "{}", "not json", "[]")) {
            HttpResponse<String> answer = withoutWriting(() -> post("/orders", body, "malformed"));
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertViolations(answer, Map.of("body", "the body"));
        }
    }

    // ------------------------------------------------------------------ Idempotency-Key

    @Test
    void an_empty_body_is_refused_naming_the_body() throws Exception {
        assertViolations(withoutWriting(() -> post("/orders", "", "empty")), Map.of("body", "request body is required"));
    }

    @Test
    void placing_without_an_idempotency_key_is_refused_saying_why() throws Exception {
        HttpResponse<String> answer = withoutWriting(() -> post("/orders", validOrder().toString(), null));

        assertViolations(answer, Map.of("Idempotency-Key", "is required"));
        assertThat(answer.body()).contains("twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "semi;colon", "..", "-leading-dash"})
    void an_idempotency_key_outside_the_identifier_rule_is_refused(String key) throws Exception {
        assertViolations(withoutWriting(() -> post("/orders", validOrder().toString(), key)),
                Map.of("Idempotency-Key", "must be letters, digits"));
        String tooLong = "k".repeat(ContractLimits.MAX_IDEMPOTENCY_KEY_LENGTH + 1);
        assertViolations(withoutWriting(() -> post("/orders", validOrder().toString(), tooLong)),
                Map.of("Idempotency-Key", "must be at most 200 characters"));
    }

    // ------------------------------------------------------------------ path identifiers

    @ParameterizedTest
    @ValueSource(strings = {"%00", "%ff", "..", "%2e%2e", "a%2fb", "nul%00byte", "LONG"})
    void an_order_id_outside_the_identifier_rule_is_refused_naming_it(String id) throws Exception {
        String orderIdInPath = id.equals("LONG") ? "o".repeat(10 * 1024) : id;

        assertViolations(withoutWriting(() -> get("/orders/" + orderIdInPath)), Map.of("orderId", ""));
        assertViolations(withoutWriting(() -> post("/orders/" + orderIdInPath + "/cancellation",
                "{\"reason\":\"lost\"}", "cancel-hostile")), Map.of("orderId", ""));
    }

    // ------------------------------------------------------------------ positions

    @ParameterizedTest
    @ValueSource(strings = {"orders.events:99:1", "foo.bar:0:1", "orders.events:0:-1", "orders.events:-1:0",
            "orders.events:0:999999999", "orders.events", "orders.events:0:1:2", "orders.events:x:1", "", ",",
            "orders.events:0:1,", "bad topic!:0:1"})
    void a_position_the_view_can_never_reach_is_refused_at_once(String token) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = withoutWriting(() -> get("/orders/" + orderId + "?position="
                + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)));

        assertViolations(answer, Map.of("position", ""));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not the 5 s wait").isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void a_position_already_written_is_still_waited_for_and_served() throws Exception {
        HttpResponse<String> answer = get("/orders/" + orderId + "?position=" + position);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ cancellations

    @Test
    void a_cancellation_without_a_key_or_with_a_bad_reason_is_refused_naming_each_field() throws Exception {
        assertViolations(withoutWriting(() -> post("/orders/" + orderId + "/cancellation",
                "{\"reason\":\"lost\"}", null)), Map.of("Idempotency-Key", "is required"));
        assertViolations(withoutWriting(() -> post("/orders/" + orderId + "/cancellation",
                        "{\"reason\":\"" + "r".repeat(ContractLimits.MAX_REASON_LENGTH + 1) + "\"}", "c-long")),
                Map.of("reason", "must be at most 500 characters"));
        assertViolations(withoutWriting(() -> post("/orders/" + orderId + "/cancellation",
                "{\"reason\":\"lost\\u0007\"}", "c-bell")), Map.of("reason", "must not contain control characters"));
        assertViolations(withoutWriting(() -> post("/orders/" + orderId + "/cancellation",
                "{\"reason\":42}", "c-type")), Map.of("reason", "must be a JSON string"));
        assertViolations(withoutWriting(() -> post("/orders/%00/cancellation", "{}", null)),
                Map.of("orderId", "", "Idempotency-Key", "is required", "reason", "must say why"));
    }

    @Test
    void a_repeated_cancellation_is_answered_from_its_outcome_and_writes_nothing() throws Exception {
        String cancelled = needingAttention("repeat-me");

        HttpResponse<String> first = post("/orders/" + cancelled + "/cancellation", "{\"reason\":\"lost\"}", "op-17");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(first.body());

        // Before and after the topology decided it, the same key is the same answer and no new command
        // (the topology's OrderCancelled for the first may land on orders.events meanwhile).
        HttpResponse<String> soon = withoutWriting(List.of(TopicCatalog.ORDERS_COMMANDS), () ->
                post("/orders/" + cancelled + "/cancellation", "{\"reason\":\"lost\"}", "op-17"));
        assertThat(soon.statusCode()).as(soon.body()).isEqualTo(202);
        assertThat(JSON.readTree(soon.body()).get("commandId")).isEqualTo(accepted.get("commandId"));
        assertThat(get("/orders/" + cancelled + "?position=" + accepted.get("position").asText()).body())
                .contains("\"status\":\"CANCELLED\"");
        assertThat(TopicRecords.read(kafka.bootstrapServers(), TopicCatalog.ORDERS_EVENTS, cancelled, "OrderCancelled", 1))
                .hasSize(1);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> again = withoutWriting(() ->
                    post("/orders/" + cancelled + "/cancellation", "{\"reason\":\"lost\"}", "op-17"));
            assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
            JsonNode repeat = JSON.readTree(again.body());
            assertThat(repeat.get("commandId")).isEqualTo(accepted.get("commandId"));
            assertThat(get("/orders/" + cancelled + "?position=" + repeat.get("position").asText()).statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> another = withoutWriting(() ->
                post("/orders/" + cancelled + "/cancellation", "{\"reason\":\"again\"}", "op-18"));
        assertThat(another.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(another.body()).get("message").asText()).contains("already cancelled");
        assertThat(TopicRecords.read(kafka.bootstrapServers(), TopicCatalog.ORDERS_COMMANDS, cancelled, null, 1))
                .as("one command on orders.commands").hasSize(1);
    }

    // ------------------------------------------------------------------ helpers

    /** Sends the request and asserts it was answered (2xx or 4xx, as JSON) and wrote nothing to orders' topics. */
    private static HttpResponse<String> withoutWriting(Callable<HttpResponse<String>> request) throws Exception {
        return withoutWriting(WRITTEN_BY_ORDERS, request);
    }

    private static HttpResponse<String> withoutWriting(List<String> topics, Callable<HttpResponse<String>> request)
            throws Exception {
        Map<TopicPartition, Long> before = endOffsets(topics);
        HttpResponse<String> answer = request.call();
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 499);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        assertThat(endOffsets(topics)).as("nothing written for " + answer.body()).isEqualTo(before);
        return answer;
    }

    private static void assertViolations(HttpResponse<String> answer, Map<String, String> messageStartByField)
            throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("message").asText()).isNotBlank();
        Map<String, String> found = new HashMap<>();
        body.get("violations").forEach(v -> found.putIfAbsent(v.get("field").asText(), v.get("message").asText()));
        assertThat(found).as(answer.body()).containsOnlyKeys(messageStartByField.keySet());
        messageStartByField.forEach((field, start) -> assertThat(found.get(field)).as(field).startsWith(start));
    }

    private static Map<TopicPartition, Long> endOffsets(List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : topics) {
            for (int p = 0; p < TopicCatalog.ORDER_PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        kafka.admin().listOffsets(latest).all().get().forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }

    /** A placed order whose dispatch failed: the one an operator may cancel. */
    private static String needingAttention(String key) throws Exception {
        HttpResponse<String> placed = awaitNot503(() -> post("/orders", validOrder().toString(), key));
        String id = JSON.readTree(placed.body()).get("orderId").asText();
        assertThat(get("/orders/" + id + "?position=" + JSON.readTree(placed.body()).get("position").asText())
                .statusCode()).isEqualTo(200);
        OrderPlaced orderPlaced = (OrderPlaced) events.deserializer().deserialize(TopicCatalog.ORDERS_EVENTS,
                TopicRecords.read(kafka.bootstrapServers(), TopicCatalog.ORDERS_EVENTS, id, "OrderPlaced", 1)
                        .getFirst().value());
        StockReserved reserved = TestEvents.stockReserved(orderPlaced);
        PaymentTaken taken = TestEvents.paymentTaken(reserved);
        OrderPackaged packaged = TestEvents.orderPackaged(taken);
        send(TopicCatalog.WAREHOUSE_EVENTS, reserved);
        send(TopicCatalog.PAYMENTS_EVENTS, taken);
        send(TopicCatalog.WAREHOUSE_EVENTS, packaged);
        send(TopicCatalog.WAREHOUSE_EVENTS, TestEvents.dispatchFailed(packaged));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/orders/" + id).body().contains("\"status\":\"NEEDS_ATTENTION\""));
        return id;
    }

    private static void send(String topic, SpecificRecord event) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            String key = event.get(event.getSchema().getField("orderId").pos()).toString();
            producer.send(new ProducerRecord<>(topic, null, EventHeaders.metadataOf(event).getOccurredAt().toEpochMilli(),
                    key.getBytes(StandardCharsets.UTF_8), events.serializer().serialize(topic, event),
                    EventHeaders.of(event))).get();
        }
    }

    private static ObjectNode validOrder() {
        ObjectNode order = JSON.valueToTree(TestEvents.request(null));
        order.remove("idempotencyKey");
        return order;
    }

    private static ArrayNode lines(int count) {
        ArrayNode lines = JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            lines.addObject().put("sku", "SKU-" + i).put("title", "Blue Train").put("artist", "John Coltrane")
                    .put("format", "VINYL").put("quantity", 1).put("unitPriceMinor", 2499);
        }
        return lines;
    }

    private static HttpResponse<String> awaitNot503(Callable<HttpResponse<String>> request) {
        var answer = new java.util.concurrent.atomic.AtomicReference<HttpResponse<String>>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            answer.set(request.call());
            return answer.get().statusCode() != 503;
        });
        return answer.get();
    }

    private static HttpResponse<String> post(String path, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = TestTokens.adminRequest(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(TestTokens.adminRequest(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(baseUrl + path);
    }
}
