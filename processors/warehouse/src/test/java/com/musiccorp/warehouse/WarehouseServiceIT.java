package com.musiccorp.warehouse;

import static com.musiccorp.platform.http.security.CallerChecks.assertForbidden;
import static com.musiccorp.platform.http.security.CallerChecks.assertUnauthorized;
import static com.musiccorp.platform.http.security.CallerChecks.call;
import com.musiccorp.platform.http.security.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.musiccorp.events.Address;
import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.MediaFormat;
import com.musiccorp.events.OrderDispatched;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.StockReceived;
import com.musiccorp.events.StockReleased;
import com.musiccorp.events.StockReserved;
import com.musiccorp.warehouse.stream.WarehouseTopologyTest;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.ContextServiceProcess;
import com.musiccorp.platform.streams.DeadLetterProbe;
import com.musiccorp.platform.streams.EventSerdes;
import com.musiccorp.platform.streams.TopicRecords;
import com.musiccorp.schemas.Causation;
import com.musiccorp.schemas.ContractLimits;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end on a real broker and schema registry, with {@link WarehouseService} as its own process
 * (as the start command runs it). Upstream events (OrderPlaced, PaymentTaken, OrderCancelled) are
 * written to their topics as orders and payments would; what the warehouse decides is read back from
 * warehouse.events and its HTTP API: reservation, an item found missing when packing, a dispatch
 * that fails and an operator's retry, an order cancelled after dispatch failed, and unreadable
 * records dead-lettered without stopping the service.
 */
class WarehouseServiceIT {

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

        service = ContextServiceProcess.start("warehouse", WarehouseService.class, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", registry.url(),
                "STATE_DIR", state.toString(),
                "WAREHOUSE_HTTP_PORT", "0",
                // Two quick attempts, so a NOVAN order fails dispatch in seconds and an operator retry is attempt 3.
                "WAREHOUSE_DISPATCH_MAX_ATTEMPTS", "2",
                "WAREHOUSE_DISPATCH_BACKOFF", "PT1S",
                "WAREHOUSE_DISPATCH_CHECK_MS", "200"));
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
    void receivedStockIsReservedForAPlacedOrderAndShown() throws Exception {
        HttpResponse<String> refused = post("/stock/SKU-IT/receipts", "{\"title\":\"Blue Train\",\"quantity\":0}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).get("violations").findValuesAsText("field"))
                .containsExactlyInAnyOrder("artist", "format", "quantity");
        assertThat(get("/stock/SKU-IT").statusCode()).isEqualTo(404);

        String receipt = "{\"title\":\"Blue Train\",\"artist\":\"John Coltrane\",\"format\":\"VINYL\","
                + "\"quantity\":3,\"receiptId\":\"r-it-1\"}";
        assertThat(post("/stock/SKU-IT/receipts", receipt).statusCode()).isEqualTo(202);
        assertThat(post("/stock/SKU-IT/receipts", receipt).statusCode()).as("a retried receipt").isEqualTo(202);
        JsonNode received = awaitStock("SKU-IT", s -> s.get("onHand").asInt() == 3);
        assertThat(received.get("title").asText()).isEqualTo("Blue Train");

        // The same receipt written straight to warehouse.stock under a fresh event id (as the CLI does) is
        // the same receipt: counted once. A later receipt shows the duplicate was read before it.
        StockReceived viaTopic = StockReceived.newBuilder()
                .setMetadata(Causation.fromCommand("cli-" + java.util.UUID.randomUUID(), "SKU-IT", Instant.now(),
                        "cli", "StockReceived"))
                .setSku("SKU-IT").setTitle("Blue Train").setArtist("John Coltrane").setFormat(MediaFormat.VINYL)
                .setQuantity(3).setReceiptId("r-it-1").setReceivedAt(Instant.now()).build();
        publish(TopicCatalog.WAREHOUSE_STOCK, "SKU-IT", viaTopic);
        assertThat(post("/stock/SKU-IT/receipts", receipt.replace("r-it-1", "r-it-2")).statusCode()).isEqualTo(202);
        awaitStock("SKU-IT", s -> s.get("onHand").asInt() == 6);
        JsonNode stock = awaitStock("SKU-IT", s -> true);
        assertThat(stock.get("onHand").asInt()).as("3 + 3, the duplicate not counted").isEqualTo(6);
        assertThat(post("/stock/SKU-IT/adjustments", "{\"quantityDelta\":-3,\"reason\":\"back to 3\"}")
                .statusCode()).isEqualTo(202);
        awaitStock("SKU-IT", s -> s.get("onHand").asInt() == 3);

        OrderPlaced placed = WarehouseTopologyTest.orderPlaced("order-it", WarehouseTopologyTest.line(1, "SKU-IT", 2));
        publish(TopicCatalog.ORDERS_EVENTS, "order-it", placed);

        ConsumerRecord<byte[], byte[]> reserved = read(TopicCatalog.WAREHOUSE_EVENTS, "order-it", "StockReserved", 1)
                .getFirst();
        assertThat(events.deserializer().deserialize(TopicCatalog.WAREHOUSE_EVENTS, reserved.value()))
                .isInstanceOf(StockReserved.class);
        JsonNode held = awaitStock("SKU-IT", s -> s.get("available").asInt() == 1);
        assertThat(held.get("reservedByOrder").get("order-it").asInt()).isEqualTo(2);
        assertThat(held.get("nextHoldsAfter").isNull()).as("one hold: the only page").isTrue();
        assertThat(get("/stock/SKU-IT?holdsAfter=order-it").body()).contains("\"reservedByOrder\":{}");
        HttpResponse<String> badPage = get("/stock/SKU-IT?holds=0&holdsAfter=a%20b");
        assertThat(badPage.statusCode()).isEqualTo(400);
        assertThat(badPage.body()).contains("\"field\":\"holds\"").contains("\"field\":\"holdsAfter\"");

        assertThat(post("/stock/SKU-IT/adjustments", "{\"quantityDelta\":0}").statusCode()).isEqualTo(400);
        assertThat(post("/stock/SKU-IT/adjustments", "{\"quantityDelta\":-1,\"reason\":\"count\"}").statusCode())
                .isEqualTo(202);
        awaitStock("SKU-IT", s -> s.get("onHand").asInt() == 2 && s.get("available").asInt() == 0);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void anItemFoundMissingWhenPackingIsReportedAndTheRestGoesBack() throws Exception {
        receive("SKU-NF-A", 2);
        receive("SKU-NF-B", 1);
        publish(TopicCatalog.ORDERS_EVENTS, "order-nf", WarehouseTopologyTest.orderPlaced("order-nf",
                WarehouseTopologyTest.line(1, "SKU-NF-A", 2), WarehouseTopologyTest.line(2, "SKU-NF-B", 1)));
        read(TopicCatalog.WAREHOUSE_EVENTS, "order-nf", "StockReserved", 1);

        // An operator's shelf count finds one of the two reserved units of A missing.
        assertThat(post("/stock/SKU-NF-A/adjustments", "{\"quantityDelta\":-1,\"reason\":\"shelf count\"}")
                .statusCode()).isEqualTo(202);
        awaitStock("SKU-NF-A", s -> s.get("missing").asInt() == 1);
        publish(TopicCatalog.PAYMENTS_EVENTS, "order-nf", WarehouseTopologyTest.paymentTaken("order-nf"));

        assertThat(types(read(TopicCatalog.WAREHOUSE_EVENTS, "order-nf", null, 3)))
                .containsExactly("StockReserved", "ItemNotFound", "StockReleased");
        StockReleased released = (StockReleased) event(read(TopicCatalog.WAREHOUSE_EVENTS, "order-nf",
                "StockReleased", 1).getFirst());
        assertThat(released.getReleases()).extracting(r -> r.getSku() + ":" + r.getQuantity())
                .containsExactlyInAnyOrder("SKU-NF-A:1", "SKU-NF-B:1");
        JsonNode a = awaitStock("SKU-NF-A", s -> s.get("reserved").asInt() == 0);
        assertThat(a.get("onHand").asInt()).isEqualTo(1);
        assertThat(a.get("available").asInt()).isEqualTo(1);
        assertThat(a.get("missing").asInt()).isZero();
        JsonNode b = awaitStock("SKU-NF-B", s -> s.get("reserved").asInt() == 0);
        assertThat(b.get("available").asInt()).isEqualTo(1);

        JsonNode fulfilment = JSON.readTree(get("/fulfilments/order-nf").body());
        assertThat(fulfilment.get("status").asText()).isEqualTo("RELEASED");
        assertThat(fulfilment.get("releaseReason").asText()).isEqualTo("item not found while packing");
        assertThat(fulfilment.get("lines").findValuesAsText("state")).containsOnly("RELEASED");
    }

    @Test
    void aFailedDispatchIsRetriedByAnOperatorAndTheOrderLeaves() throws Exception {
        receive("SKU-RETRY", 3);
        publish(TopicCatalog.ORDERS_EVENTS, "order-novan", WarehouseTopologyTest.orderPlaced("order-novan",
                noVan(2), WarehouseTopologyTest.line(1, "SKU-RETRY", 1)));
        read(TopicCatalog.WAREHOUSE_EVENTS, "order-novan", "StockReserved", 1); // payments pays only then
        publish(TopicCatalog.PAYMENTS_EVENTS, "order-novan", WarehouseTopologyTest.paymentTaken("order-novan"));
        assertThat(types(read(TopicCatalog.WAREHOUSE_EVENTS, "order-novan", null, 4)))
                .containsExactly("StockReserved", "OrderPackaged", "DispatchDelayed", "DispatchFailed");

        JsonNode failed = JSON.readTree(get("/fulfilments/order-novan").body());
        assertThat(failed.get("status").asText()).isEqualTo("DISPATCH_FAILED");
        assertThat(failed.get("correlationId").asText()).isEqualTo("saga-order-novan");
        assertThat(failed.get("dispatchAttempts").asInt()).isEqualTo(2);
        assertThat(failed.get("lastFailure").asText()).contains("no van for postal code NOVAN 2");
        assertThat(failed.path("nextAttemptAt").isTextual()).isFalse();
        assertThat(failed.get("lines").get(0).get("state").asText()).isEqualTo("PACKED");

        assertThat(retry("order-unknown", "retry-unknown").statusCode()).isEqualTo(404);
        assertThat(get("/fulfilments/order-unknown").statusCode()).isEqualTo(404);
        publish(TopicCatalog.ORDERS_EVENTS, "order-unpaid", WarehouseTopologyTest.orderPlaced("order-unpaid",
                WarehouseTopologyTest.line(1, "SKU-RETRY", 1)));
        read(TopicCatalog.WAREHOUSE_EVENTS, "order-unpaid", "StockReserved", 1);
        HttpResponse<String> conflict = retry("order-unpaid", "retry-unpaid");
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(conflict.body()).get("message").asText())
                .isEqualTo("order order-unpaid is RESERVED: only a failed dispatch can be retried");

        HttpResponse<String> accepted = retry("order-novan", "retry-it-1");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("Location")).hasValue("/fulfilments/order-novan");
        assertThat(JSON.readTree(accepted.body()).get("commandId").asText()).isEqualTo("retry-it-1");

        OrderDispatched dispatched = (OrderDispatched) event(read(TopicCatalog.WAREHOUSE_EVENTS, "order-novan",
                "OrderDispatched", 1).getFirst());
        assertThat(dispatched.getMetadata().getCorrelationId()).isEqualTo("saga-order-novan");
        JsonNode done = awaitFulfilment("order-novan", f -> f.get("status").asText().equals("DISPATCHED"));
        assertThat(done.get("dispatchAttempts").asInt()).isEqualTo(3);
        assertThat(done.get("trackingNumber").asText()).isEqualTo(dispatched.getTrackingNumber());

        // The same request again is the same command: answered from the order's state, nothing written.
        Map<String, Long> before = endOffsets();
        HttpResponse<String> repeated = retry("order-novan", "retry-it-1");
        assertThat(repeated.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(repeated.body()).get("commandId").asText()).isEqualTo("retry-it-1");
        assertThat(endOffsets()).as("nothing written for a repeat").isEqualTo(before);
        // Another one is too late.
        assertThat(retry("order-novan", "retry-it-2").statusCode()).isEqualTo(409);
        assertThat(read(TopicCatalog.WAREHOUSE_EVENTS, "order-novan", "OrderDispatched", 1)).hasSize(1);
        JsonNode stock = awaitStock("SKU-RETRY", s -> s.get("shipped").asInt() == 1);
        assertThat(stock.get("onHand").asInt()).isEqualTo(2);
        assertThat(stock.get("reservedByOrder").has("order-novan")).isFalse();
    }

    @Test
    void anOrderCancelledAfterDispatchFailedPutsItsUnitsBack() throws Exception {
        receive("SKU-CANCEL", 4);
        publish(TopicCatalog.ORDERS_EVENTS, "order-cancel", WarehouseTopologyTest.orderPlaced("order-cancel",
                noVan(9), WarehouseTopologyTest.line(1, "SKU-CANCEL", 3)));
        read(TopicCatalog.WAREHOUSE_EVENTS, "order-cancel", "StockReserved", 1); // payments pays only then
        publish(TopicCatalog.PAYMENTS_EVENTS, "order-cancel", WarehouseTopologyTest.paymentTaken("order-cancel"));
        read(TopicCatalog.WAREHOUSE_EVENTS, "order-cancel", "DispatchFailed", 1);
        JsonNode held = awaitStock("SKU-CANCEL", s -> s.get("reserved").asInt() == 3);
        assertThat(held.get("available").asInt()).isEqualTo(1);

        publish(TopicCatalog.ORDERS_EVENTS, "order-cancel", WarehouseTopologyTest.orderCancelled("order-cancel",
                CancellationReason.DISPATCH_FAILED, Instant.parse("2026-03-01T11:00:00Z")));

        StockReleased released = (StockReleased) event(read(TopicCatalog.WAREHOUSE_EVENTS, "order-cancel",
                "StockReleased", 1).getFirst());
        assertThat(released.getReleases()).extracting(r -> r.getSku() + ":" + r.getQuantity())
                .containsExactly("SKU-CANCEL:3");
        assertThat(released.getMetadata().getCorrelationId()).isEqualTo("saga-order-cancel");
        JsonNode back = awaitStock("SKU-CANCEL", s -> s.get("available").asInt() == 4);
        assertThat(back.get("reserved").asInt()).isZero();
        assertThat(back.get("onHand").asInt()).isEqualTo(4);
        assertThat(back.get("shipped").asInt()).isZero();
        JsonNode fulfilment = awaitFulfilment("order-cancel", f -> f.get("status").asText().equals("RELEASED"));
        assertThat(fulfilment.path("nextAttemptAt").isTextual()).isFalse();
        assertThat(retry("order-cancel", "retry-cancel").statusCode()).isEqualTo(409);
    }

    @Test
    void unreadableRecordsAreDeadLetteredAndTheNextOrderIsStillReserved() throws Exception {
        DeadLetterProbe.assertUnreadableRecordsAreDeadLettered(kafka.bootstrapServers(), "warehouse",
                TopicCatalog.ORDERS_EVENTS);

        receive("SKU-DLQ", 1);
        publish(TopicCatalog.ORDERS_EVENTS, "order-after-dlq", WarehouseTopologyTest.orderPlaced("order-after-dlq",
                WarehouseTopologyTest.line(1, "SKU-DLQ", 1)));
        assertThat(read(TopicCatalog.WAREHOUSE_EVENTS, "order-after-dlq", "StockReserved", 1)).hasSize(1);
        awaitStock("SKU-DLQ", s -> s.get("available").asInt() == 0);
    }

    @Test
    void hostileRequestsAreRefusedNamingTheFieldAndNothingIsWritten() throws Exception {
        receive("SKU-HOSTILE", 2);
        String good = "{\"title\":\"Giant Steps\",\"artist\":\"John Coltrane\",\"format\":\"VINYL\",\"quantity\":1}";
        Map<String, Map.Entry<String, String>> receipts = new java.util.LinkedHashMap<>();
        receipts.put("sku", Map.entry("/stock/%00/receipts", good));
        receipts.put("sku ", Map.entry("/stock/%20x/receipts", good));
        receipts.put("quantity", Map.entry("/stock/SKU-HOSTILE/receipts", good.replace(":1}", ":1.5}")));
        receipts.put("quantity ", Map.entry("/stock/SKU-HOSTILE/receipts", good.replace(":1}", ":true}")));
        receipts.put("quantity  ", Map.entry("/stock/SKU-HOSTILE/receipts", good.replace(":1}", ":\"1\"}")));
        receipts.put("quantity   ", Map.entry("/stock/SKU-HOSTILE/receipts", good.replace(":1}", ":2147483647}")));
        receipts.put("quantity    ", Map.entry("/stock/SKU-HOSTILE/receipts", good.replace(":1}", ":2147483648}")));
        receipts.put("title", Map.entry("/stock/SKU-HOSTILE/receipts",
                good.replace("Giant Steps", "x".repeat(ContractLimits.MAX_TEXT_LENGTH + 1))));
        receipts.put("artist", Map.entry("/stock/SKU-HOSTILE/receipts", good.replace("John Coltrane", "a\\u0000b")));
        receipts.put("receiptId", Map.entry("/stock/SKU-HOSTILE/receipts", good.replace("}", ",\"receiptId\":\"r 1\"}")));
        receipts.put("body", Map.entry("/stock/SKU-HOSTILE/receipts", good.replace("}", ",\"quantity\":2}")));
        receipts.put("body ", Map.entry("/stock/SKU-HOSTILE/receipts", good + " {}"));
        receipts.put("body  ", Map.entry("/stock/SKU-HOSTILE/receipts", "[1]"));
        receipts.put("quantityDelta", Map.entry("/stock/SKU-HOSTILE/adjustments",
                "{\"quantityDelta\":-1.5,\"reason\":\"count\"}"));
        receipts.put("quantityDelta ", Map.entry("/stock/SKU-HOSTILE/adjustments",
                "{\"quantityDelta\":-3,\"reason\":\"count\"}")); // the shelf holds 2
        receipts.put("quantityDelta  ", Map.entry("/stock/SKU-HOSTILE/adjustments",
                "{\"quantityDelta\":10001,\"reason\":\"count\"}"));
        receipts.put("reason", Map.entry("/stock/SKU-HOSTILE/adjustments",
                "{\"quantityDelta\":1,\"reason\":\"" + "r".repeat(ContractLimits.MAX_REASON_LENGTH + 1) + "\"}"));
        receipts.put("adjustmentId", Map.entry("/stock/SKU-HOSTILE/adjustments",
                "{\"quantityDelta\":1,\"reason\":\"count\",\"adjustmentId\":\"../a\"}"));

        Map<String, Long> before = endOffsets();
        receipts.forEach((field, request) -> {
            HttpResponse<String> refused = post(request.getKey(), request.getValue());
            assertThat(refused.statusCode()).as(request.toString()).isEqualTo(400);
            assertThat(violations(refused)).as(request + " " + refused.body()).contains(field.trim());
        });
        HttpResponse<String> noKey = retry("order-whatever", null);
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(violations(noKey)).containsExactly("Idempotency-Key");
        assertThat(violations(retry("order-whatever", "a key with spaces"))).containsExactly("Idempotency-Key");
        assertThat(violations(retry("%00", "k-1"))).containsExactly("orderId");
        assertThat(get("/fulfilments/%00").statusCode()).isEqualTo(400);
        assertThat(get("/stock/%00").statusCode()).isEqualTo(400);

        assertThat(endOffsets()).as("nothing written to warehouse.stock or warehouse.commands").isEqualTo(before);
        assertThat(awaitStock("SKU-HOSTILE", s -> true).get("onHand").asInt()).isEqualTo(2);
    }

    @Test
    void anEventTypeWarehouseStockDoesNotCarryIsDeadLetteredAndStockIsStillReceived() throws Exception {
        OrderPlaced misplaced = WarehouseTopologyTest.orderPlaced("order-misplaced",
                WarehouseTopologyTest.line(1, "SKU-WRONG", 1));
        publish(TopicCatalog.WAREHOUSE_STOCK, "SKU-WRONG", misplaced);
        ConsumerRecord<byte[], byte[]> dead = read(TopicCatalog.deadLetterTopic("warehouse"), "SKU-WRONG", null, 1)
                .getFirst();
        // Refused on reading (platform EventSerdes) or, past it, by the topology's own ExpectedEvents.
        assertThat(EventHeaders.text(dead.headers(), "__streams.errors.message"))
                .contains("OrderPlaced", "warehouse.stock").contains("StockReceived");
        assertThat(EventHeaders.text(dead.headers(), "__streams.errors.topic")).isEqualTo(TopicCatalog.WAREHOUSE_STOCK);
        receive("SKU-WRONG", 1);
    }

    private static List<String> violations(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).path("violations").findValuesAsText("field");
        } catch (Exception e) {
            throw new AssertionError("not a JSON problem: " + response.body(), e);
        }
    }

    /** End offsets of the topics the HTTP API writes, per partition: equal before and after = nothing written. */
    private static Map<String, Long> endOffsets() {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = new ArrayList<org.apache.kafka.common.TopicPartition>();
            for (String topic : List.of(TopicCatalog.WAREHOUSE_STOCK, TopicCatalog.WAREHOUSE_COMMANDS)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(
                        new org.apache.kafka.common.TopicPartition(topic, p.partition())));
            }
            var offsets = new java.util.TreeMap<String, Long>();
            consumer.endOffsets(partitions).forEach((p, offset) -> offsets.put(p.toString(), offset));
            return offsets;
        }
    }

    private static Address noVan(int attempts) {
        return new Address("Ada Lovelace", "1 Analytical Way", null, "London", "NOVAN " + attempts, "GB");
    }

    private void receive(String sku, int quantity) {
        String receipt = "{\"title\":\"Kind of Blue\",\"artist\":\"Miles Davis\",\"format\":\"VINYL\","
                + "\"quantity\":" + quantity + "}";
        assertThat(post("/stock/" + sku + "/receipts", receipt).statusCode()).isEqualTo(202);
        awaitStock(sku, s -> s.get("onHand").asInt() == quantity);
    }

    /** Writes an upstream event as its owner would: Avro in the Confluent format, event time, saga headers. */
    private static void publish(String topic, String key, SpecificRecord event) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, null, EventHeaders.metadataOf(event).getOccurredAt().toEpochMilli(),
                    bytes(key), events.serializer().serialize(topic, event), EventHeaders.of(event))).get();
        }
    }

    private static SpecificRecord event(ConsumerRecord<byte[], byte[]> record) {
        return events.deserializer().deserialize(record.topic(), record.value());
    }

    private static List<String> types(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> EventHeaders.text(r.headers(), EventHeaders.EVENT_TYPE)).toList();
    }

    private HttpResponse<String> retry(String orderId, String idempotencyKey) {
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpRequest.Builder request = TestTokens.adminRequest(URI.create(baseUrl + "/fulfilments/" + orderId
                    + "/dispatch-retries")).POST(HttpRequest.BodyPublishers.noBody());
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            answer.set(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
            return answer.get().statusCode() != 503;
        });
        return answer.get();
    }

    private JsonNode awaitFulfilment(String orderId, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> response = get("/fulfilments/" + orderId);
            if (response.statusCode() != 200) {
                return false;
            }
            seen[0] = JSON.readTree(response.body());
            return condition.test(seen[0]);
        });
        return seen[0];
    }

    private JsonNode awaitStock(String sku, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> response = get("/stock/" + sku);
            if (response.statusCode() != 200) {
                return false;
            }
            seen[0] = JSON.readTree(response.body());
            return condition.test(seen[0]);
        });
        return seen[0];
    }

    @Test
    void stockAndFulfilmentsAreForOperatorsAndAdmins() throws Exception {
        String receipt = "{\"title\":\"Blue Train\",\"artist\":\"John Coltrane\",\"format\":\"VINYL\",\"quantity\":1}";

        assertUnauthorized(call(baseUrl + "/stock/SKU-SEC/receipts", null, receipt));
        assertForbidden(call(baseUrl + "/stock/SKU-SEC/receipts", TestTokens.customer("cust-1"), receipt),
                "the token's roles [customer] do not allow POST /stock/SKU-SEC/receipts");
        assertForbidden(call(baseUrl + "/fulfilments/order-x/dispatch-retries", TestTokens.customer("cust-1"), "",
                "Idempotency-Key", "r-sec"), "[customer] do not allow");
        assertForbidden(call(baseUrl + "/stock/SKU-SEC", TestTokens.customer("cust-1"), null), "[customer] do not allow");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                call(baseUrl + "/stock/SKU-SEC/receipts", TestTokens.operator(), receipt).statusCode()).isEqualTo(202));
        assertUnauthorized(call(baseUrl + "/stock/SKU-SEC", null, null));
        assertThat(call(baseUrl + "/health/ready", null, null).statusCode()).as("readiness is open").isEqualTo(200);
    }

    /** Posts as a well-behaved client does: a 503 (with its Retry-After) is tried again. */
    private HttpResponse<String> post(String path, String body) {
        java.util.concurrent.atomic.AtomicReference<HttpResponse<String>> answer = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = http.send(TestTokens.adminRequest(URI.create(baseUrl + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            answer.set(response);
            return response.statusCode() != 503;
        });
        return answer.get();
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
