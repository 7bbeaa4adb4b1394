package com.musiccorp.sagastatus;

import static com.musiccorp.platform.http.security.CallerChecks.assertForbidden;
import static com.musiccorp.platform.http.security.CallerChecks.assertUnauthorized;
import static com.musiccorp.platform.http.security.CallerChecks.call;
import com.musiccorp.platform.http.security.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.StockReserved;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.kafka.TopicCatalog;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.platform.metrics.PrometheusScrape;
import com.musiccorp.platform.streams.ContextServiceProcess;
import com.musiccorp.platform.streams.DeadLetterProbe;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.EventSerdes;
import com.musiccorp.sagastatus.domain.Events;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end on a real broker and schema registry, with {@link SagaStatusService} as its own
 * process (as the start command runs it): a saga's events published to the contexts' topics are
 * served by correlation and order id, a long-poll and an event stream answer on a change, a saga
 * without progress is listed as STALLED, and unreadable records are dead-lettered.
 */
class SagaStatusServiceIT {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    @TempDir
    static Path state;

    static SchemaRegistryServer registry;
    static ContextServiceProcess service;
    static String baseUrl;
    static Serde<SpecificRecord> events;
    static KafkaProducer<byte[], byte[]> producer;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startSystem() throws Exception {
        registry = SchemaRegistryServer.start(kafka.bootstrapServers(), 0);
        Properties serdeConfig = new Properties();
        serdeConfig.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        events = EventSerdes.anyEvent(serdeConfig);
        producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());

        startService("saga-status", state);
    }

    /** The service as its own process on {@code stateDir}, logging to {@code target/<instance>-service-it.log}. */
    private static void startService(String instance, Path stateDir) throws Exception {
        service = ContextServiceProcess.start("saga-status", instance, SagaStatusService.class, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", registry.url(),
                "STATE_DIR", stateDir.toString(),
                "SAGA_STATUS_HTTP_PORT", "0",
                "SAGA_STALL_AFTER", "PT4S",
                "SAGA_STALL_CHECK_INTERVAL", "PT0.5S",
                // Commits every 5 s (1 s by default): what a query sees never waits for a commit.
                "STREAMS_COMMIT_INTERVAL_MS", "5000"));
        baseUrl = service.baseUrl();
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (service != null) {
            service.close(); // SIGTERM; fails unless it stops by itself
        }
        if (producer != null) {
            producer.close();
        }
        if (events != null) {
            events.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aSagaIsServedWaitedForStreamedAndFlaggedWhenItStalls() throws Exception {
        Events order = Events.forOrder("it-order-1");
        HttpResponse<String> unknown = get("/sagas/" + order.correlationId);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("message").asText()).contains(order.correlationId);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);

        OrderPlaced placed = order.placed();
        StockReserved reserved = order.reserved(placed);
        publish(placed);
        publish(reserved);
        JsonNode saga = awaitSaga(order.correlationId, s -> s.get("version").asLong() == 2);
        assertThat(saga.get("orderId").asText()).isEqualTo(order.orderId);
        assertThat(saga.get("timeline").findValuesAsText("eventType")).containsExactly("OrderPlaced", "StockReserved");
        assertThat(saga.get("awaiting").get(0).get("context").asText()).isEqualTo("payments");
        JsonNode byOrder = JSON.readTree(get("/sagas/by-order/" + order.orderId).body());
        assertThat(byOrder.get("correlationId").asText()).isEqualTo(order.correlationId);
        assertThat(get("/sagas/by-order/no-such-order").statusCode()).isEqualTo(404);

        // Wait for a change in both ways, then make it.
        CompletableFuture<HttpResponse<String>> longPoll = http.sendAsync(request("/sagas/" + order.correlationId
                + "?waitForVersionAbove=2&timeout=PT20S"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<Stream<String>> sse = http.send(request("/sagas/" + order.correlationId + "/stream"),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(sse.statusCode()).isEqualTo(200);
        assertThat(sse.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        Iterator<String> lines = sse.body().iterator();
        assertThat(nextSagaEvent(lines).get("version").asLong()).as("the stream starts with the saga as it is").isEqualTo(2);
        assertThat(longPoll).as("the long-poll waits for a change").isNotDone();

        long changedAt = System.nanoTime();
        publish(order.taken(reserved));
        HttpResponse<String> answered = longPoll.get(20, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answered.body()).get("version").asLong()).isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - changedAt)).as("answered on the change, not at the timeout")
                .isLessThan(Duration.ofSeconds(10));
        JsonNode streamed = nextSagaEvent(lines);
        while (streamed.get("version").asLong() < 3) streamed = nextSagaEvent(lines); // a stall flag may come first
        assertThat(streamed.get("timeline").findValuesAsText("eventType")).contains("PaymentTaken");

        // No progress for SAGA_STALL_AFTER: listed as STALLED, with what it waits for.
        JsonNode stalled = awaitSaga(order.correlationId, s -> s.get("status").asText().equals("STALLED"));
        assertThat(stalled.get("awaiting").get(0).get("context").asText()).isEqualTo("warehouse");
        JsonNode pushedStall = nextSagaEvent(lines);
        while (!pushedStall.get("status").asText().equals("STALLED")) pushedStall = nextSagaEvent(lines);
        sse.body().close();
        JsonNode listing = JSON.readTree(get("/sagas?status=STALLED&limit=50").body());
        assertThat(listing.get("sagas").findValuesAsText("correlationId")).contains(order.correlationId);
        assertThat(get("/sagas?status=NOPE").statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(get("/sagas/counts").body()).get("counts").get("STALLED").asLong()).isGreaterThanOrEqualTo(1);

        // The whole happy path (its first three events again: redeliveries change nothing) completes
        // it, and the choreography shows what was observed.
        for (SpecificRecord e : order.happyPath()) publish(e);
        JsonNode completed = awaitSaga(order.correlationId, s -> s.get("status").asText().equals("COMPLETED"));
        assertThat(completed.get("version").asLong()).isEqualTo(order.happyPath().size());
        assertThat(completed.has("stalledSince")).as("progress cleared the stall").isFalse();

        // A long-poll with no change answers the current state at its timeout; an unknown saga is then 404.
        HttpResponse<String> unchanged = get("/sagas/" + order.correlationId + "?waitForVersionAbove=9&timeout=PT1S");
        assertThat(unchanged.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(unchanged.body()).get("version").asLong()).isEqualTo(9);
        assertThat(get("/sagas/never-seen?waitForVersionAbove=0&timeout=PT0.5S").statusCode()).isEqualTo(404);
        assertThat(get("/sagas/" + order.correlationId + "?waitForVersionAbove=0&timeout=P1D").statusCode()).isEqualTo(400);

        JsonNode choreography = JSON.readTree(get("/choreography").body());
        assertThat(choreography.get("transitions").findValuesAsText("from")).contains("OrderPlaced", "StockReserved");
        assertThat(choreography.get("transitions").get(0).get("p99Millis").asLong())
                .as("each fixture reaction is decided 250 ms after its cause: a real latency")
                .isEqualTo(com.musiccorp.sagastatus.domain.Events.REACTION.toMillis());
    }

    @Test
    void aCustomerReadsOnlyItsOwnSagaAndListsAreForOperators() throws Exception {
        Events order = Events.forOrder("it-order-sec"); // cust-1's
        for (SpecificRecord e : order.happyPath()) publish(e);
        awaitSaga(order.correlationId, s -> s.get("status").asText().equals("COMPLETED"));
        String ada = TestTokens.customer("cust-1");
        String grace = TestTokens.customer("cust-2");

        for (String path : List.of("/sagas/" + order.correlationId, "/sagas/by-order/" + order.orderId,
                "/sagas/" + order.correlationId + "?waitForVersionAbove=0&timeout=PT1S")) {
            assertUnauthorized(call(baseUrl + path, null, null));
            assertThat(call(baseUrl + path, ada, null).statusCode()).as(path).isEqualTo(200);
            assertForbidden(call(baseUrl + path, grace, null), "customer cust-2 may only use its own sagas");
            assertThat(call(baseUrl + path, TestTokens.operator(), null).statusCode()).as(path).isEqualTo(200);
        }
        assertForbidden(call(baseUrl + "/sagas/" + order.correlationId + "/stream", grace, null), "its own sagas");
        assertForbidden(call(baseUrl + "/sagas?limit=5", ada, null), "the token's roles [customer] do not allow GET /sagas");
        assertForbidden(call(baseUrl + "/sagas/counts", ada, null), "[customer] do not allow");
        assertForbidden(call(baseUrl + "/choreography", ada, null), "[customer] do not allow");
        assertThat(call(baseUrl + "/sagas?limit=5", TestTokens.operator(), null).statusCode()).isEqualTo(200);
        assertForbidden(call(baseUrl + "/admin/saga-status/digest", TestTokens.operator(), null), "[operator] do not allow");
        assertThat(call(baseUrl + "/admin/saga-status/digest", TestTokens.admin(), null).statusCode()).isEqualTo(200);
        assertThat(call(baseUrl + "/health/ready", null, null).statusCode()).as("readiness is open").isEqualTo(200);
    }

    @Test
    void prometheusServesStreamsJvmHttpAndSagaMetersAndARestoreCountsNothingAgain() throws Exception {
        Events order = Events.forOrder("it-order-metered");
        for (SpecificRecord e : order.happyPath()) publish(e);
        awaitSaga(order.correlationId, s -> s.get("status").asText().equals("COMPLETED"));

        assertThat(PrometheusScrape.assertServed(baseUrl, TestTokens.bearer(TestTokens.operator())))
                .contains("uri=\"/sagas/{correlationId}")
                .contains("kafka_stream_")
                .containsPattern("musiccorp_sagas_started_total [1-9]")
                .containsPattern("musiccorp_sagas_completed_total [1-9]")
                .contains("musiccorp_saga_duration_seconds_count{outcome=\"completed\"}")
                .contains("musiccorp_saga_transition_latency_seconds_count{from=\"OrderPlaced\",to=\"StockReserved\"}")
                .contains("musiccorp_sagas_stalled ");

        // The same application on an empty state directory restores every store from its changelogs
        // before it is ready: the sagas are back, and nothing was counted for them again. (The class's
        // state directory: it outlives this method, as the restarted service does.) The status index and
        // counts have no changelog: they are rebuilt from the restored sagas. (Only COMPLETED is compared:
        // other tests' sagas may stall meanwhile.)
        JsonNode counts = JSON.readTree(get("/sagas/counts").body());
        String completed = get("/sagas?status=COMPLETED&limit=500").body();
        service.close();
        startService("saga-status-restored", state.resolve("restored"));
        awaitSaga(order.correlationId, s -> s.get("status").asText().equals("COMPLETED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/sagas/counts").statusCode() == 200); // every partition
        JsonNode restoredCounts = JSON.readTree(get("/sagas/counts").body());
        assertThat(restoredCounts.get("total")).isEqualTo(counts.get("total"));
        assertThat(restoredCounts.get("counts").get("COMPLETED")).isEqualTo(counts.get("counts").get("COMPLETED"));
        assertThat(get("/sagas?status=COMPLETED&limit=500").body()).isEqualTo(completed);
        assertThat(get("/prometheus").body())
                .contains("musiccorp_sagas_started_total 0.0")
                .contains("musiccorp_sagas_completed_total 0.0")
                .doesNotContain("musiccorp_saga_duration_seconds_count{");
    }

    @Test
    void unreadableRecordsAreDeadLetteredAndFoldingGoesOn() throws Exception {
        DeadLetterProbe.assertUnreadableRecordsAreDeadLettered(kafka.bootstrapServers(), "saga-status",
                TopicCatalog.ORDERS_EVENTS);
        Events order = Events.forOrder("it-order-after-garbage");
        publish(order.placed());
        JsonNode saga = awaitSaga(order.correlationId, s -> s.get("version").asLong() == 1);
        assertThat(saga.get("status").asText()).isIn("IN_PROGRESS", "STALLED");
    }

    /**
     * The correlation index is written with the saga, in the same task: a saga found by its order is
     * found by its correlation id at once, and streamed, even before the fold commits (every 5 s
     * here). (It once went through a repartition topic and lagged the saga by a commit: a stream
     * opened meanwhile for a saga that had already completed waited for ever.)
     */
    @Test
    void aSagaFoundByItsOrderIsFoundAndStreamedByItsCorrelationIdAtOnce() throws Exception {
        Events order = Events.forOrder("it-order-index-lag");
        publishAtOnce(order.happyPath()); // folded in one poll, well within one commit
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
            HttpResponse<String> byOrder = get("/sagas/by-order/" + order.orderId);
            return byOrder.statusCode() == 200 && JSON.readTree(byOrder.body()).get("version").asLong() == order.happyPath().size();
        });
        HttpResponse<String> byCorrelation = get("/sagas/" + order.correlationId);
        assertThat(byCorrelation.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(byCorrelation.body()).get("version").asLong()).isEqualTo(order.happyPath().size());
        HttpResponse<Stream<String>> sse = http.sendAsync(request("/sagas/" + order.correlationId + "/stream"),
                HttpResponse.BodyHandlers.ofLines()).get(15, TimeUnit.SECONDS);
        try {
            assertThat(nextSagaEvent(sse.body().iterator()).get("status").asText()).isEqualTo("COMPLETED");
        } finally {
            sse.body().close();
        }
        JsonNode lookup = JSON.readTree(get("/sagas/order-ids/" + order.correlationId).body());
        assertThat(lookup.get("orderId").asText()).isEqualTo(order.orderId);
        assertThat(get("/sagas/order-ids/no-such-correlation").statusCode()).isEqualTo(404);
    }

    /**
     * A stream opened before its saga exists answers at once: 200, {@code text/event-stream} and a
     * comment line (the headers once went out only with the saga's first event, so a client could not
     * tell a stream that waits from a server that hangs), then the saga as soon as it is folded.
     */
    @Test
    void aStreamOpenedBeforeItsSagaAnswersAtOnceAndThenStreamsIt() throws Exception {
        Events order = Events.forOrder("it-stream-before-saga");
        HttpResponse<Stream<String>> sse = http.sendAsync(request("/sagas/" + order.correlationId + "/stream"),
                HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        try {
            assertThat(sse.statusCode()).isEqualTo(200);
            assertThat(sse.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            Iterator<String> lines = sse.body().iterator();
            assertThat(CompletableFuture.supplyAsync(lines::next).get(10, TimeUnit.SECONDS))
                    .isEqualTo(": waiting for the saga's first event");
            publishAtOnce(order.happyPath());
            JsonNode streamed = nextSagaEvent(lines);
            assertThat(streamed.get("correlationId").asText()).isEqualTo(order.correlationId);
        } finally {
            sse.body().close();
        }
    }

    /** Serialized first (registering their schemas takes time), then sent together. */
    private static void publishAtOnce(List<SpecificRecord> events) throws Exception {
        List<ProducerRecord<byte[], byte[]>> records = events.stream().map(SagaStatusServiceIT::record).toList();
        List<java.util.concurrent.Future<?>> sent = records.stream().<java.util.concurrent.Future<?>>map(producer::send).toList();
        for (java.util.concurrent.Future<?> f : sent) f.get();
    }

    private static void publish(SpecificRecord event) throws Exception {
        producer.send(record(event)).get();
    }

    private static ProducerRecord<byte[], byte[]> record(SpecificRecord event) {
        String producerContext = Events.metadataOf(event).getProducer();
        String topic = producerContext + ".events";
        String orderId = (String) event.get(event.getSchema().getField("orderId").pos());
        return new ProducerRecord<>(topic, null, Events.metadataOf(event).getOccurredAt().toEpochMilli(),
                orderId.getBytes(StandardCharsets.UTF_8), events.serializer().serialize(topic, event),
                EventHeaders.of(event));
    }

    private JsonNode awaitSaga(String correlationId, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> response = get("/sagas/" + correlationId);
            if (response.statusCode() != 200) {
                return false;
            }
            seen[0] = JSON.readTree(response.body());
            return condition.test(seen[0]);
        });
        return seen[0];
    }

    /** The data of the next {@code saga} event of the stream (blocking: the stream's reader is this test). */
    private static JsonNode nextSagaEvent(Iterator<String> lines) throws Exception {
        CompletableFuture<JsonNode> next = CompletableFuture.supplyAsync(() -> {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data:")) {
                    try {
                        return JSON.readTree(line.substring("data:".length()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            throw new IllegalStateException("the event stream ended");
        });
        return next.get(30, TimeUnit.SECONDS);
    }

    private HttpRequest request(String path) {
        return TestTokens.adminRequest(URI.create(baseUrl + path)).GET().build();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString());
    }
}
