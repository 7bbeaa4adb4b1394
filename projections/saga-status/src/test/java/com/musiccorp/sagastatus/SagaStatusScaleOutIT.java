package com.musiccorp.sagastatus;

import com.musiccorp.platform.http.security.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.musiccorp.events.CancellationReason;
import com.musiccorp.events.OrderPlaced;
import com.musiccorp.events.StockInsufficient;
import com.musiccorp.platform.avro.AvroSerdeConfig;
import com.musiccorp.platform.http.ForwardToKeyOwner;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.registry.SchemaRegistryServer;
import com.musiccorp.platform.streams.ContextServiceProcess;
import com.musiccorp.platform.streams.EventHeaders;
import com.musiccorp.platform.streams.EventSerdes;
import com.musiccorp.sagastatus.domain.Events;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of saga-status share the application id: Kafka Streams splits the partitions
 * between them, and either answers for every saga, its own or the other's (sent on to the owner
 * named by the key's metadata), and gives the same complete listings, counts and choreography
 * (gathered from both instances' own partitions and merged). With one stopped, the survivor takes
 * every partition over and serves every saga and every total. While partitions move (the second
 * instance joining, the first leaving) a prober asks both instances about every saga without pause:
 * each answer is a 200 with the saga's version already seen, or a 503 with Retry-After; never a 404
 * for a saga that exists, never an older version, never a partial total.
 */
class SagaStatusScaleOutIT {
    private static final int SAGAS = 24;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @Test
    void eitherInstanceAnswersForEverySagaAndTheSurvivorServesThemAll(@TempDir Path stateA, @TempDir Path stateB)
            throws Exception {
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(kafka.bootstrapServers(), 0)) {
            Properties serdeConfig = new Properties();
            serdeConfig.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
            List<Events> sagas = new ArrayList<>();
            Map<String, List<SpecificRecord>> published = new LinkedHashMap<>(); // correlation id -> its events
            Map<String, String> statusOf = new TreeMap<>();
            try (Serde<SpecificRecord> events = EventSerdes.anyEvent(serdeConfig);
                 var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                         new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < SAGAS; i++) {
                    Events saga = Events.forOrder("scale-order-" + i);
                    List<SpecificRecord> path = path(saga, i % 4);
                    for (SpecificRecord e : path) publish(producer, events, e);
                    sagas.add(saga);
                    published.put(saga.correlationId, path);
                    statusOf.put(saga.correlationId, STATUSES.get(i % 4));
                }
            }

            int portA = freePort();
            int portB = freePort();
            String urlA = "http://localhost:" + portA;
            String urlB = "http://localhost:" + portB;
            ContextServiceProcess a = start("saga-status-a", registry, stateA, portA);
            // A alone folds every saga first: from then on each saga exists at its final version, and every
            // answer about it, through both partition moves below, must be that version or a 503.
            for (Events saga : sagas) {
                int version = published.get(saga.correlationId).size();
                awaitAnswer(urlA + "/sagas/" + saga.correlationId, saga.correlationId,
                        body -> body.get("version").asLong() == version);
            }
            Prober prober = new Prober(sagas, List.of(urlA, urlB));
            Thread probing = Thread.ofPlatform().name("scale-out-prober").daemon().start(prober);
            try (ContextServiceProcess b = start("saga-status-b", registry, stateB, portB)) {
                // B joining moves half the partitions from A to B.
                Set<String> servedBy = new HashSet<>();
                for (Events saga : sagas) {
                    for (String base : List.of(urlA, urlB)) {
                        int version = published.get(saga.correlationId).size();
                        HttpResponse<String> answer = awaitAnswer(base + "/sagas/" + saga.correlationId,
                                saga.correlationId, body -> body.get("version").asLong() == version);
                        JsonNode body = JSON.readTree(answer.body());
                        assertThat(body.get("orderId").asText()).isEqualTo(saga.orderId);
                        assertThat(body.get("status").asText()).isEqualTo(statusOf.get(saga.correlationId));
                        servedBy.add(answer.headers().firstValue(ForwardToKeyOwner.SERVED_BY).orElseThrow());
                        JsonNode byOrder = JSON.readTree(awaitAnswer(base + "/sagas/by-order/" + saga.orderId,
                                saga.correlationId, any -> true).body());
                        assertThat(byOrder.get("correlationId").asText()).isEqualTo(saga.correlationId);
                    }
                }
                assertThat(servedBy).as("each instance owns some sagas and answers for the other's")
                        .containsExactlyInAnyOrder("localhost:" + portA, "localhost:" + portB);

                // Each instance holds only part of the sagas; either answers for all of them.
                long localA = JSON.readTree(awaitAnswer(urlA + "/sagas/counts?scope=local").body()).get("counts")
                        .properties().stream().mapToLong(c -> c.getValue().asLong()).sum();
                long localB = JSON.readTree(awaitAnswer(urlB + "/sagas/counts?scope=local").body()).get("counts")
                        .properties().stream().mapToLong(c -> c.getValue().asLong()).sum();
                assertThat(List.of(localA, localB)).as("each instance's own share").allSatisfy(n -> assertThat(n)
                        .isBetween(1L, SAGAS - 1L));
                assertThat(localA + localB).isEqualTo(SAGAS);
                for (String base : List.of(urlA, urlB)) {
                    assertCompleteAnswers(base, statusOf, published);
                }
                long probedWhileJoining = prober.answered();
                Events late = Events.forOrder("scale-late-order");
                aSagaNoInstanceKnewIsAnsweredByEitherInstanceOnceFolded(late, serdeConfig, urlA, urlB);
                published.put(late.correlationId, late.happyPath());
                statusOf.put(late.correlationId, STATUSES.get(1));

                a.close(); // SIGTERM: leaves the group, so B is given every partition
                for (Events saga : sagas) {
                    HttpResponse<String> answer = awaitAnswer(urlB + "/sagas/" + saga.correlationId, saga.correlationId,
                            any -> true);
                    assertThat(JSON.readTree(answer.body()).get("orderId").asText()).isEqualTo(saga.orderId);
                    assertThat(answer.headers().firstValue(ForwardToKeyOwner.SERVED_BY)).hasValue("localhost:" + portB);
                }
                assertCompleteAnswers(urlB, statusOf, published);
                // One more full round of the prober against the survivor alone, then stop it.
                long round = prober.rounds();
                await().atMost(Duration.ofSeconds(30)).until(() -> prober.rounds() >= round + 2);
                prober.stop();
                probing.join(Duration.ofSeconds(10));
                System.out.println("scale-out probes: " + prober.summary());
                assertThat(prober.violations()).as("answers for existing sagas during the partition moves: "
                        + "200 with the version already seen, or 503 + Retry-After; never 404, never older").isEmpty();
                assertThat(probedWhileJoining).as("probes answered while B joined").isPositive();
                assertThat(prober.answered()).as("probes answered in all").isGreaterThan(probedWhileJoining);
            } finally {
                prober.stop();
                a.close();
            }
        }
    }

    /**
     * A long-poll and a stream opened on both instances for a saga no instance knows yet, then the
     * saga's events (folded well within the long-poll's 15 s, so both end after the fold): the instance that folds it answers at once; the other hears nothing of that
     * fold, so its long-poll asks again at its timeout and answers with the saga from the owner, and
     * its stream ends (the client's next request is redirected to the owner) instead of waiting forever.
     */
    private static void aSagaNoInstanceKnewIsAnsweredByEitherInstanceOnceFolded(Events late, Properties serdeConfig,
            String urlA, String urlB) throws Exception {
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<String>> streams = new ArrayList<>();
        for (String base : List.of(urlA, urlB)) {
            polls.add(HTTP.sendAsync(TestTokens.adminRequest(URI.create(base + "/sagas/" + late.correlationId
                    + "?waitForVersionAbove=0&timeout=PT15S")).GET().build(), HttpResponse.BodyHandlers.ofString()));
            HttpResponse<java.util.stream.Stream<String>> sse = HTTP.send(TestTokens.adminRequest(URI.create(base
                    + "/sagas/" + late.correlationId + "/stream")).GET().build(), HttpResponse.BodyHandlers.ofLines());
            assertThat(sse.statusCode()).isEqualTo(200);
            streams.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (var lines = sse.body()) {
                    return lines.filter(line -> line.startsWith("data:") && line.contains(late.correlationId))
                            .findFirst().map(line -> "streamed").orElse("ended");
                }
            }));
        }
        try (Serde<SpecificRecord> events = EventSerdes.anyEvent(serdeConfig);
             var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            for (SpecificRecord e : late.happyPath()) publish(producer, events, e);
        }
        for (var poll : polls) {
            HttpResponse<String> answer = poll.get(45, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).get("correlationId").asText()).isEqualTo(late.correlationId);
        }
        List<String> outcomes = new ArrayList<>();
        for (var stream : streams) outcomes.add(stream.get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertThat(outcomes).as("the owner streams the saga; the other instance's stream ends")
                .containsExactlyInAnyOrder("streamed", "ended");
    }

    /** The highest version any answer showed for each saga (correlation id): no later answer may be older. */
    private static final Map<String, Long> SEEN = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * What an answer about an existing saga ({@code correlationId}, or null for any other query) may be:
     * 200 (for a saga: at least the version already seen), or 503 with Retry-After. A 404 is allowed
     * only before the saga was first seen (the projection still folding the backlog). Returns null
     * when the answer is acceptable, otherwise what is wrong with it.
     */
    private static String problem(String url, String correlationId, HttpResponse<String> r) throws Exception {
        if (r.statusCode() == 503) {
            return r.headers().firstValue("Retry-After").isPresent() ? null : url + ": 503 without Retry-After " + r.body();
        }
        if (r.statusCode() == 404 && correlationId != null && !SEEN.containsKey(correlationId)) return null;
        if (r.statusCode() != 200) {
            return url + ": " + r.statusCode() + (r.statusCode() == 404 ? " for a saga that exists " : " ") + r.body();
        }
        if (correlationId == null) return null;
        JsonNode body = JSON.readTree(r.body());
        if (!body.path("correlationId").asText(correlationId).equals(correlationId)) {
            return url + ": answered saga " + body.path("correlationId").asText() + " for " + correlationId;
        }
        if (body.hasNonNull("version")) {
            long version = body.get("version").asLong();
            long before = SEEN.merge(correlationId, version, Math::max);
            if (version < before) return url + ": version " + version + " after version " + before + " was seen";
        }
        return null;
    }

    /**
     * Asks every instance about every saga, round after round, while partitions move: B joining, then
     * A leaving. An instance that is not listening (B before it started, A after it stopped) is no
     * answer; every answer must pass {@link #problem}.
     */
    private static final class Prober implements Runnable {
        private final List<Events> sagas;
        private final List<String> bases;
        private final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        private final java.util.concurrent.atomic.AtomicLong answered = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong unavailable = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong rounds = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean stopped;

        Prober(List<Events> sagas, List<String> bases) {
            this.sagas = sagas;
            this.bases = bases;
        }

        @Override
        public void run() {
            while (!stopped) {
                for (Events saga : sagas) {
                    for (String base : bases) {
                        probe(base + "/sagas/" + saga.correlationId, saga.correlationId);
                        probe(base + "/sagas/by-order/" + saga.orderId, saga.correlationId);
                    }
                }
                rounds.incrementAndGet();
            }
        }

        private void probe(String url, String correlationId) {
            if (stopped) return;
            HttpResponse<String> r;
            try {
                r = HTTP.send(TestTokens.adminRequest(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException notListening) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
                return;
            }
            (r.statusCode() == 503 ? unavailable : answered).incrementAndGet();
            try {
                String problem = problem(url, correlationId, r);
                if (problem != null) violations.add(problem);
            } catch (Exception e) {
                violations.add(url + ": " + e);
            }
        }

        void stop() {
            stopped = true;
        }

        long answered() {
            return answered.get();
        }

        long rounds() {
            return rounds.get();
        }

        List<String> violations() {
            return List.copyOf(violations);
        }

        String summary() {
            return rounds.get() + " rounds, " + answered.get() + " answered, " + unavailable.get() + " 503 + Retry-After, "
                    + violations.size() + " violations";
        }
    }

    private static final List<String> STATUSES = List.of("IN_PROGRESS", "COMPLETED", "COMPENSATING", "CANCELLED");

    /** The events of a saga that ends in {@code STATUSES.get(kind)}. */
    private static List<SpecificRecord> path(Events saga, int kind) {
        OrderPlaced placed = saga.placed();
        return switch (kind) {
            case 0 -> List.of(placed, saga.reserved(placed));
            case 1 -> saga.happyPath();
            case 2 -> List.of(placed, saga.insufficient(placed));
            default -> {
                StockInsufficient insufficient = saga.insufficient(placed);
                yield List.of(placed, insufficient, saga.cancelled(insufficient, CancellationReason.INSUFFICIENT_STOCK,
                        "not enough stock"));
            }
        };
    }

    /**
     * From {@code base}: the counts are the number of sagas published per status, the choreography
     * counts each cause→effect pair published, and paging through {@code /sagas?limit=5} lists every
     * saga exactly once, in (status, statusSince, order id) order.
     */
    private static void assertCompleteAnswers(String base, Map<String, String> statusOf,
            Map<String, List<SpecificRecord>> published) throws Exception {
        Map<String, Long> perStatus = new TreeMap<>();
        statusOf.values().forEach(s -> perStatus.merge(s, 1L, Long::sum));
        JsonNode counts = JSON.readTree(awaitAnswer(base + "/sagas/counts", null,
                b -> b.get("total").asLong() == statusOf.size()).body());
        for (String status : STATUSES) {
            assertThat(counts.get("counts").get(status).asLong()).as(base + " " + status).isEqualTo(perStatus.get(status));
        }
        assertThat(counts.get("counts").get("STALLED").asLong()).isZero();

        Map<String, Long> expected = new TreeMap<>();
        for (List<SpecificRecord> events : published.values()) {
            Map<String, String> typeOfId = new LinkedHashMap<>();
            events.forEach(e -> typeOfId.put(Events.metadataOf(e).getEventId().toString(), e.getSchema().getName()));
            for (SpecificRecord e : events) {
                Object cause = Events.metadataOf(e).getCausationId();
                if (cause != null && typeOfId.containsKey(cause.toString())) {
                    expected.merge(typeOfId.get(cause.toString()) + "->" + e.getSchema().getName(), 1L, Long::sum);
                }
            }
        }
        JsonNode choreography = JSON.readTree(awaitAnswer(base + "/choreography").body());
        Map<String, Long> observed = new TreeMap<>();
        for (JsonNode t : choreography.get("transitions")) {
            observed.put(t.get("from").asText() + "->" + t.get("to").asText(), t.get("count").asLong());
            assertThat(t.get("p99Millis").asLong()).isBetween(t.get("minMillis").asLong(), t.get("maxMillis").asLong());
        }
        assertThat(observed).as(base + "/choreography").isEqualTo(expected);

        List<String> listed = new ArrayList<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = JSON.readTree(awaitAnswer(base + "/sagas?limit=5" + (cursor == null ? "" : "&after=" + cursor))
                    .body());
            assertThat(page.get("sagas").size()).isLessThanOrEqualTo(5);
            for (JsonNode saga : page.get("sagas")) {
                listed.add(saga.get("correlationId").asText());
                assertThat(saga.get("status").asText()).isEqualTo(statusOf.get(saga.get("correlationId").asText()));
                order.add(saga.get("status").asText() + "|" + String.format("%020d",
                        java.time.Instant.parse(saga.get("statusSince").asText()).toEpochMilli()) + "|"
                        + saga.get("orderId").asText());
            }
            cursor = page.hasNonNull("next") ? page.get("next").asText() : null;
        } while (cursor != null);
        assertThat(listed).as(base + " pages").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(statusOf.keySet());
        assertThat(order).as("global index order").isSorted();
    }

    private static HttpResponse<String> awaitAnswer(String url) {
        return awaitAnswer(url, null, body -> true);
    }

    /**
     * The first 200 whose body satisfies {@code until} (the projection may still be folding the
     * backlog); a 503 must carry Retry-After and is asked again, and so is a 404 for a saga not seen
     * yet. A 404 for a saga already seen, or an older version than already seen, fails at once.
     */
    private static HttpResponse<String> awaitAnswer(String url, String correlationId, Predicate<JsonNode> until) {
        List<HttpResponse<String>> last = new ArrayList<>(List.of());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> r = HTTP.send(TestTokens.adminRequest(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String problem = problem(url, correlationId, r);
            assertThat(problem).as(url).isNull();
            if (r.statusCode() != 200) return false;
            last.add(r);
            return until.test(JSON.readTree(r.body()));
        });
        return last.getLast();
    }

    private static ContextServiceProcess start(String instance, SchemaRegistryServer registry, Path state, int port)
            throws Exception {
        return ContextServiceProcess.start("saga-status", instance, SagaStatusService.class, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", registry.url(),
                "STATE_DIR", state.toString(),
                "SAGA_STATUS_HTTP_PORT", String.valueOf(port),
                "STREAMS_NUM_STANDBY_REPLICAS", "1",
                "SAGA_STALL_AFTER", "PT10M")); // no saga stalls during the test: the counts stay as published
    }

    private static void publish(KafkaProducer<byte[], byte[]> producer, Serde<SpecificRecord> events, SpecificRecord event)
            throws Exception {
        String topic = Events.metadataOf(event).getProducer() + ".events";
        String orderId = (String) event.get(event.getSchema().getField("orderId").pos());
        producer.send(new ProducerRecord<>(topic, null, Events.metadataOf(event).getOccurredAt().toEpochMilli(),
                orderId.getBytes(StandardCharsets.UTF_8), events.serializer().serialize(topic, event),
                EventHeaders.of(event))).get();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
