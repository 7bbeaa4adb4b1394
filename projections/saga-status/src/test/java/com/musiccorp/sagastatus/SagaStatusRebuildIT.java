package com.musiccorp.sagastatus;

import com.musiccorp.platform.http.security.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.avro.AvroSerializer;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.platform.streams.ContextServiceProcess;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.EventSerdes;
import com.musiccorp.sagastatus.domain.Events;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replay of the saga-status projection on a real broker and registry, with the service as its own
 * process: a blue/green rebuild reads every event topic from the beginning into a new generation
 * while the old one serves, switches once caught up, and ends with the same digest; it emits
 * nothing; events written with an older schema are read through the current reader schema; the
 * new generation survives a restart, and a wiped state directory too (the generation record comes
 * back from Kafka and the state from the new generation's changelogs, to the same digest); and an
 * "as of" rebuild answers what was known at a time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SagaStatusRebuildIT {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    @TempDir
    static Path state;

    static final int SAGAS = 120;
    static final int LATER_SAGAS = 30;
    static final int OLDER_SCHEMA_SAGAS = 20;
    static final Instant LATER = Events.PLACED_AT.plus(Duration.ofHours(1));

    static SchemaRegistryServer registry;
    static ContextServiceProcess service;
    static Serde<SpecificRecord> events;
    static AvroSerializer<GenericRecord> olderWriter;
    static KafkaProducer<byte[], byte[]> producer;
    static Admin admin;
    static int published;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startSystem() throws Exception {
        registry = SchemaRegistryServer.start(kafka.bootstrapServers(), 0);
        Properties serdeConfig = new Properties();
        serdeConfig.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        events = EventSerdes.anyEvent(serdeConfig);
        olderWriter = new AvroSerializer<>();
        olderWriter.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url(),
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, true), false);
        producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
        service = startService();
    }

    static ContextServiceProcess startService() throws Exception {
        return ContextServiceProcess.start("saga-status", SagaStatusService.class, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", registry.url(),
                "STATE_DIR", state.toString(),
                "SAGA_STATUS_HTTP_PORT", "0"));
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (service != null) service.close();
        if (producer != null) producer.close();
        if (admin != null) admin.close();
        if (events != null) events.close();
        if (registry != null) registry.close();
    }

    @Test
    @Order(1)
    void aRebuildFoldsEveryTopicIntoANewGenerationSwitchesAndMatchesTheLiveDigestWithoutEmitting() throws Exception {
        // Sagas whose first events were written with an older schema (EventMetadata before causationId),
        // registered first, as an older version would have been.
        for (int i = 0; i < OLDER_SCHEMA_SAGAS; i++) {
            List<SpecificRecord> path = Events.forOrder("old-schema-" + i).happyPath();
            for (int e = 0; e < path.size(); e++) {
                if (e < 3) publishWithOlderSchema(path.get(e)); else publish(path.get(e));
            }
        }
        for (int i = 0; i < SAGAS; i++) {
            Events order = Events.forOrder("replay-" + i);
            List<SpecificRecord> path = order.happyPath();
            // a third stop half-way, so the digest covers unfinished sagas too
            for (SpecificRecord e : i % 3 == 0 ? path.subList(0, 4) : path) publish(e);
        }
        for (int i = 0; i < LATER_SAGAS; i++) {
            Events order = Events.forOrder("later-" + i);
            OrderPlaced placed = order.placed(LATER);
            publish(placed);
            publish(order.reserved(placed));
        }
        int sagas = OLDER_SCHEMA_SAGAS + SAGAS + LATER_SAGAS;
        await().atMost(Duration.ofSeconds(60)).until(() -> total() == sagas);
        Events oldSchemaSaga = Events.forOrder("old-schema-0");
        JsonNode before = json(get("/sagas/" + oldSchemaSaga.correlationId));
        assertThat(before.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(before.get("version").asInt()).isEqualTo(oldSchemaSaga.happyPath().size());

        JsonNode liveDigest = awaitStableDigest();
        assertThat(liveDigest.get("stores").get("sagas-store").get("entries").asInt()).isEqualTo(sagas);
        Map<TopicPartition, Long> eventTopicsBefore = eventTopicEnds();

        HttpResponse<String> started = post("/admin/saga-status/rebuild", "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode status = json(started);
        assertThat(status.get("phase").asText()).isEqualTo("REBUILDING");
        assertThat(status.get("applicationId").asText()).isEqualTo("musiccorp-saga-status-g1");
        assertThat(status.get("serving").asText()).isEqualTo("musiccorp-saga-status");
        // while it rebuilds, the old generation serves (or it has already switched: either way, no gap)
        assertThat(get("/sagas/" + oldSchemaSaga.correlationId).statusCode()).isEqualTo(200);
        HttpResponse<String> second = post("/admin/saga-status/rebuild", "{}");
        assertThat(second.statusCode()).isIn(202, 409); // 409 while the first runs; it may be done already

        JsonNode done = awaitRebuild(s -> s.get("phase").asText().equals("SWITCHED"));
        assertThat(done.get("serving").asText()).isEqualTo("musiccorp-saga-status-g1");
        assertThat(done.get("remainingLag").asLong()).isZero();
        assertThat(done.get("eventsDone").asLong()).as("each event counted once (a re-fetch after a rebalance may add a few)")
                .isBetween((long) published, published + published / 10L);
        assertThat(done.get("eventsPerSecond").asDouble()).isPositive();
        assertThat(done.get("digest")).isEqualTo(liveDigest);

        // The switched generation serves, with the same state, and nothing was written to any event topic.
        assertThat(json(get("/admin/saga-status/digest"))).isEqualTo(liveDigest);
        assertThat(json(get("/sagas/" + oldSchemaSaga.correlationId)).get("timeline"))
                .isEqualTo(before.get("timeline"));
        assertThat(eventTopicEnds()).isEqualTo(eventTopicsBefore);
        Set<String> topics = admin.listTopics().names().get();
        assertThat(topics).contains("musiccorp-saga-status-g1-sagas-store-changelog")
                .doesNotContain("musiccorp-saga-status-sagas-store-changelog");

        // It folds new events live, and a restart comes back on the new generation with the same state.
        Events after = Events.forOrder("after-switch");
        for (SpecificRecord e : after.happyPath()) publish(e);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/sagas/" + after.correlationId).statusCode() == 200
                && json(get("/sagas/" + after.correlationId)).get("status").asText().equals("COMPLETED"));
        JsonNode digestAfter = awaitStableDigest();
        service.close();
        service = startService();
        assertThat(json(get("/admin/saga-status/digest"))).isEqualTo(digestAfter);
        assertThat(get("/admin/saga-status/rebuild").statusCode()).as("a restarted instance has no rebuild of its own")
                .isEqualTo(404);

        // Wiped: no local state and no generation.properties. The record comes back from
        // musiccorp-saga-status-generations, so the service starts on generation 1 again (not on 0,
        // whose group and topics the switch deleted) and restores its stores from g1's changelogs.
        service.close();
        deleteRecursively(state);
        service = startService();
        await().atMost(Duration.ofSeconds(60)).until(() -> total() == sagas + 1);
        assertThat(awaitStableDigest()).isEqualTo(digestAfter);
        assertThat(Files.readString(state.resolve("saga-status").resolve("generation.properties"))).contains("active=1");
    }

    @Test
    @Order(2)
    void anAsOfRebuildShowsWhatWasKnownThenBesideTheLiveStateUntilDiscarded() throws Exception {
        assertThat(post("/admin/saga-status/rebuild", "{\"asOf\":\"ten past ten\"}").statusCode()).isEqualTo(400);
        assertThat(json(post("/admin/saga-status/rebuild", "{\"asOf\":\"ten past ten\"}")).get("field").asText())
                .isEqualTo("asOf");
        assertThat(post("/admin/orders/rebuild", "{}").statusCode()).as("another context's path").isEqualTo(404);

        Instant asOf = LATER.minus(Duration.ofMinutes(30));
        HttpResponse<String> started = post("/admin/saga-status/rebuild", "{\"asOf\":\"" + asOf + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode caughtUp = awaitRebuild(s -> s.get("phase").asText().equals("CAUGHT_UP"));
        assertThat(caughtUp.get("asOf").asText()).isEqualTo(asOf.toString());
        assertThat(caughtUp.get("serving").asText()).as("an as-of rebuild never takes over (generation 1 still serves)")
                .isEqualTo("musiccorp-saga-status-g1");

        // At that time the early sagas were known, the later ones not yet; the live state knows both.
        Events early = Events.forOrder("replay-1");
        Events later = Events.forOrder("later-1");
        assertThat(json(get("/admin/saga-status/rebuild/view/" + early.correlationId)).get("status").asText())
                .isEqualTo("COMPLETED");
        assertThat(json(get("/admin/saga-status/rebuild/view/" + early.orderId)).get("correlationId").asText())
                .as("by order id too").isEqualTo(early.correlationId);
        assertThat(get("/admin/saga-status/rebuild/view/" + later.correlationId).statusCode()).isEqualTo(404);
        assertThat(get("/sagas/" + later.correlationId).statusCode()).isEqualTo(200);
        JsonNode asOfDigest = json(get("/admin/saga-status/digest?of=rebuild"));
        assertThat(asOfDigest.get("stores").get("sagas-store").get("entries").asInt())
                .isEqualTo(OLDER_SCHEMA_SAGAS + SAGAS + 1);

        JsonNode discarded = json(delete("/admin/saga-status/rebuild"));
        assertThat(discarded.get("phase").asText()).isEqualTo("DISCARDED");
        String applicationId = discarded.get("applicationId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.listTopics().names().get().stream()
                .noneMatch(t -> t.startsWith(applicationId + "-")));
        assertThat(get("/admin/saga-status/rebuild").statusCode()).isEqualTo(404);
    }

    // --- helpers

    private static void deleteRecursively(Path dir) throws Exception {
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir))
                    .forEach(p -> p.toFile().delete());
        }
    }

    private static JsonNode awaitStableDigest() throws Exception {
        JsonNode[] last = new JsonNode[1];
        // two reads a commit apart agree: every published event is folded and committed
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> r = get("/admin/saga-status/digest");
            if (r.statusCode() != 200) return false;
            JsonNode now = json(r);
            boolean same = now.equals(last[0]);
            last[0] = now;
            return same;
        });
        return last[0];
    }

    private static JsonNode awaitRebuild(Predicate<JsonNode> condition) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            HttpResponse<String> r = get("/admin/saga-status/rebuild");
            if (r.statusCode() != 200) return false;
            seen[0] = json(r);
            assertThat(seen[0].get("phase").asText()).isNotEqualTo("FAILED");
            return condition.test(seen[0]);
        });
        return seen[0];
    }

    private static long total() throws Exception {
        HttpResponse<String> r = get("/sagas/counts");
        return r.statusCode() == 200 ? json(r).get("total").asLong() : -1;
    }

    private static Map<TopicPartition, Long> eventTopicEnds() throws Exception {
        List<String> topics = List.of(TopicCatalog.ORDERS_EVENTS, TopicCatalog.WAREHOUSE_EVENTS,
                TopicCatalog.PAYMENTS_EVENTS, TopicCatalog.LOYALTY_EVENTS, TopicCatalog.NOTIFICATIONS_EVENTS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().values().forEach(t -> t.partitions()
                .forEach(p -> latest.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static void publish(SpecificRecord event) throws Exception {
        send(event, events.serializer().serialize(topicOf(event), event));
    }

    /** The event as a producer on an older schema wrote it: EventMetadata without causationId. */
    private static void publishWithOlderSchema(SpecificRecord event) throws Exception {
        Schema older = withoutCausationId(event.getSchema());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<SpecificRecord>(event.getSchema()).write(event, encoder);
        encoder.flush();
        GenericRecord asOlder = new GenericDatumReader<GenericRecord>(event.getSchema(), older)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        send(event, olderWriter.serialize(topicOf(event), asOlder));
    }

    private static Schema withoutCausationId(Schema current) throws Exception {
        JsonNode schema = JSON.readTree(current.toString());
        removeCausationId(schema);
        return new Schema.Parser().parse(schema.toString());
    }

    private static void removeCausationId(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if ("EventMetadata".equals(object.path("name").asText()) && object.get("fields") instanceof ArrayNode fields) {
                for (int i = fields.size() - 1; i >= 0; i--) {
                    if (fields.get(i).path("name").asText().equals("causationId")) fields.remove(i);
                }
            }
            object.elements().forEachRemaining(SagaStatusRebuildIT::removeCausationId);
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(SagaStatusRebuildIT::removeCausationId);
        }
    }

    private static String topicOf(SpecificRecord event) {
        return Events.metadataOf(event).getProducer() + ".events";
    }

    private static void send(SpecificRecord event, byte[] value) throws Exception {
        String orderId = (String) event.get(event.getSchema().getField("orderId").pos());
        producer.send(new ProducerRecord<>(topicOf(event), null, Events.metadataOf(event).getOccurredAt().toEpochMilli(),
                orderId.getBytes(StandardCharsets.UTF_8), value, EventHeaders.of(event))).get();
        published++;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(TestTokens.adminRequest(URI.create(service.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> delete(String path) throws Exception {
        return HTTP.send(TestTokens.adminRequest(URI.create(service.baseUrl() + path)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(TestTokens.adminRequest(URI.create(service.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
