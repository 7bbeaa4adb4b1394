package com.musiccorp.platform.http.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.musiccorp.platform.http.ContextHttpServer;
import com.musiccorp.platform.http.security.TestTokens;
import com.musiccorp.platform.kafka.KafkaBrokerExtension;
import com.musiccorp.platform.streams.StreamsRuntime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsBuilder;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /admin/payments/dead-letters} on a context server against a real broker: the list (newest
 * first, reason, source, value shown safely), admins only, and a re-drive that writes the original
 * back once however often (and however concurrently) it is asked for.
 */
class DeadLetterEndpointIT {
    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension(true);
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path state;
    static StreamsRuntime runtime;
    static ContextHttpServer server;

    @BeforeAll
    static void start() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("orders.events"); // never started: the readiness bean only needs a runtime
        Properties p = new Properties();
        p.put("application.id", "musiccorp-payments-dlq-test");
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("state.dir", state.toString());
        runtime = new StreamsRuntime(builder.build(), p);
        server = ContextHttpServer.start("payments", "musiccorp.dead-letter-test.enabled", 0, runtime,
                new DeadLetterQueue("payments", Map.of("bootstrap.servers", kafka.bootstrapServers())));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (runtime != null) runtime.close();
    }

    @Test
    void listsNewestFirstAndReDrivesEachDeadLetterOnce() throws Exception {
        long first = deadLetter("order-1", "{\"orderId\":\"order-1\"}".getBytes(StandardCharsets.UTF_8), 5, "no such stock");
        long second = deadLetter("order-2", new byte[]{0, 0, 0, 0, 7, (byte) 0xff, 1, 2}, 6, "unreadable\u0007<b>");

        JsonNode page = json(get("/admin/payments/dead-letters?limit=10", TestTokens.admin()), 200);
        JsonNode letters = page.get("deadLetters");
        assertThat(letters).hasSize(2);
        assertThat(letters.get(0).get("offset").asLong()).isEqualTo(second);
        assertThat(letters.get(0).get("reason").asText()).isEqualTo("unreadable\\u0007<b>");
        assertThat(letters.get(0).get("valueHex").asText()).startsWith("00000000");
        assertThat(letters.get(1).get("valueText").asText()).isEqualTo("{\"orderId\":\"order-1\"}");
        assertThat(letters.get(1).get("source").get("topic").asText()).isEqualTo("orders.events");
        assertThat(letters.get(1).get("headers").get("correlation-id").asText()).isEqualTo("saga-order-1");
        assertThat(letters.get(1).get("headers").has("__streams.errors.message")).isFalse();

        JsonNode written = json(post("/admin/payments/dead-letters/0/" + first + "/re-drive"), 201);
        assertThat(written.get("written").asBoolean()).isTrue();
        JsonNode again = json(post("/admin/payments/dead-letters/0/" + first + "/re-drive"), 200);
        assertThat(again.get("written").asBoolean()).isFalse();
        assertThat(again.get("reDriven").get("to").asText()).isEqualTo(written.get("reDriven").get("to").asText());

        List<ConsumerRecord<byte[], byte[]>> copies = originals("order-1");
        assertThat(copies).hasSize(1);
        assertThat(new String(copies.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"orderId\":\"order-1\"}");
        assertThat(copies.get(0).headers().lastHeader("__streams.errors.message")).isNull();
        assertThat(copies.get(0).headers().lastHeader("correlation-id")).isNotNull();

        JsonNode after = json(get("/admin/payments/dead-letters", TestTokens.admin()), 200).get("deadLetters");
        assertThat(after).hasSize(2); // the marker is no dead letter
        assertThat(after.get(1).get("reDriven").get("to").asText()).isEqualTo(written.get("reDriven").get("to").asText());
        assertThat(after.get(0).path("reDriven").isMissingNode()).isTrue(); // null fields are left out

        List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            racing.add(HTTP.sendAsync(request("/admin/payments/dead-letters/0/" + second + "/re-drive", TestTokens.admin())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = racing.stream().map(f -> f.join().statusCode()).toList();
        assertThat(statuses).containsExactlyInAnyOrder(201, 200, 200, 200);
        assertThat(originals("order-2")).hasSize(1);
    }

    @Test
    void anEmptyQueueIsAnEmptyList() throws Exception {
        JsonNode page = json(get("/admin/payments/dead-letters?after=0:999", TestTokens.admin()), 200);
        assertThat(page.get("deadLetters").isArray()).isTrue();
        assertThat(page.get("deadLetters")).isEmpty();
        assertThat(page.get("next").isNull()).isTrue();
    }

    @Test
    void refusesWhatItCannotDo() throws Exception {
        assertThat(get("/admin/payments/dead-letters", TestTokens.operator()).statusCode()).isEqualTo(403);
        assertThat(get("/admin/payments/dead-letters", null).statusCode()).isEqualTo(401);
        assertThat(json(get("/admin/orders/dead-letters", TestTokens.admin()), 404).get("message").asText()).contains("orders");
        assertThat(json(get("/admin/payments/dead-letters?limit=0", TestTokens.admin()), 400).get("field").asText()).isEqualTo("limit");
        assertThat(json(get("/admin/payments/dead-letters?after=x", TestTokens.admin()), 400).get("field").asText()).isEqualTo("after");
        assertThat(json(post("/admin/payments/dead-letters/x/1/re-drive"), 400).get("field").asText()).isEqualTo("partition");
        assertThat(post("/admin/payments/dead-letters/0/999999/re-drive").statusCode()).isEqualTo(404);
        assertThat(post("/admin/payments/dead-letters/9/0/re-drive").statusCode()).isEqualTo(404);
    }

    private static long deadLetter(String key, byte[] value, long originOffset, String reason) throws Exception {
        RecordHeaders h = new RecordHeaders();
        h.add("correlation-id", ("saga-" + key).getBytes(StandardCharsets.UTF_8));
        h.add("__streams.errors.exception", "java.lang.IllegalStateException".getBytes(StandardCharsets.UTF_8));
        h.add("__streams.errors.message", reason.getBytes(StandardCharsets.UTF_8));
        h.add("__streams.errors.topic", "orders.events".getBytes(StandardCharsets.UTF_8));
        h.add("__streams.errors.partition", "2".getBytes(StandardCharsets.UTF_8));
        h.add("__streams.errors.offset", Long.toString(originOffset).getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            return p.send(new ProducerRecord<>("payments.dlq", 0, null, key.getBytes(StandardCharsets.UTF_8), value, h))
                    .get().offset();
        }
    }

    /** The records of {@code orders.events} partition 2 with {@code key}, committed ones only. */
    private static List<ConsumerRecord<byte[], byte[]>> originals(String key) {
        Map<String, Object> c = new HashMap<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "isolation.level", "read_committed"));
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition("orders.events", 2);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(new String(r.key(), StandardCharsets.UTF_8))) found.add(r);
                }
            }
        }
        return found;
    }

    private static HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path));
        return token == null ? b : b.header("Authorization", TestTokens.bearer(token));
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(request(path, TestTokens.admin()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
