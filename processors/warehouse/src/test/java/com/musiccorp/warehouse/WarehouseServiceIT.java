package com.musiccorp.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.StockReserved;
import com.musiccorp.warehouse.stream.WarehouseTopologyTest;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.ContextServiceProcess;
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
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end on a real broker and schema registry, with {@link WarehouseService} as its own process
 * (as the start command runs it): stock received over HTTP, an OrderPlaced on orders.events is
 * reserved through both repartition topics, and the stock view shows the hold.
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
                "WAREHOUSE_HTTP_PORT", "0"));
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

        OrderPlaced placed = WarehouseTopologyTest.orderPlaced("order-it", WarehouseTopologyTest.line(1, "SKU-IT", 2));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TopicCatalog.ORDERS_EVENTS, null,
                    placed.getMetadata().getOccurredAt().toEpochMilli(), bytes("order-it"),
                    events.serializer().serialize(TopicCatalog.ORDERS_EVENTS, placed), EventHeaders.of(placed))).get();
        }

        ConsumerRecord<byte[], byte[]> reserved = read(TopicCatalog.WAREHOUSE_EVENTS, "order-it", "StockReserved", 1)
                .getFirst();
        assertThat(events.deserializer().deserialize(TopicCatalog.WAREHOUSE_EVENTS, reserved.value()))
                .isInstanceOf(StockReserved.class);
        JsonNode held = awaitStock("SKU-IT", s -> s.get("available").asInt() == 1);
        assertThat(held.get("reservedByOrder").get("order-it").asInt()).isEqualTo(2);

        assertThat(post("/stock/SKU-IT/adjustments", "{\"quantityDelta\":0}").statusCode()).isEqualTo(400);
        assertThat(post("/stock/SKU-IT/adjustments", "{\"quantityDelta\":-1,\"reason\":\"count\"}").statusCode())
                .isEqualTo(202);
        awaitStock("SKU-IT", s -> s.get("onHand").asInt() == 2 && s.get("available").asInt() == 0);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
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

    /** Posts as a well-behaved client does: a 503 (with its Retry-After) is tried again. */
    private HttpResponse<String> post(String path, String body) {
        java.util.concurrent.atomic.AtomicReference<HttpResponse<String>> answer = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            answer.set(response);
            return response.statusCode() != 503;
        });
        return answer.get();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Every committed record of {@code topic} with this key (and event type, when given), once at
     * least {@code expected} are there and the topic has then stayed quiet for a second, so a
     * duplicate written shortly after would be counted too.
     */
    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, String key, String eventType, int expected) {
        List<ConsumerRecord<byte[], byte[]>> matching = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
                "group.id", "it-reader-" + System.nanoTime(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8))
                            && (eventType == null || eventType.equals(EventHeaders.text(r.headers(), EventHeaders.EVENT_TYPE)))) {
                        matching.add(r);
                    }
                });
                return matching.size() >= expected;
            });
            long quietUntil = System.currentTimeMillis() + 1000;
            while (System.currentTimeMillis() < quietUntil) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8))
                            && (eventType == null || eventType.equals(EventHeaders.text(r.headers(), EventHeaders.EVENT_TYPE)))) {
                        matching.add(r);
                    }
                });
            }
        }
        return matching;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
