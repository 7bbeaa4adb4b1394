package com.musiccorp.systemtests;

import com.musiccorp.platform.streams.EventHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * W3C trace context end to end: a {@code POST /orders} with a {@code traceparent} leads to events of
 * every context carrying the same trace id (each hop a new span), the answer names the request's
 * span, a malformed header starts a new trace instead of failing, and the log lines written for the
 * order name the trace.
 */
@ExtendWith(RunningSystem.class)
class TracePropagationIT {
    private final RunningSystem.Services system = RunningSystem.get();
    private final Shop shop = new Shop(system);
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aPlacedOrdersTraceTravelsThroughEveryContextAndItsLogs() throws Exception {
        shop.receive("TRACE-1", 5);
        String traceId = hex(16);
        String callerSpan = hex(8);
        HttpResponse<String> placed = placeOrder("00-" + traceId + "-" + callerSpan + "-01", "trace-1");

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        String answered = placed.headers().firstValue("traceparent").orElseThrow();
        assertThat(answered).as("the request's own span, in the caller's trace")
                .startsWith("00-" + traceId + "-").doesNotContain(callerSpan);
        String orderId = Http.JSON.readTree(placed.body()).get("orderId").asText();
        shop.awaitOrder(orderId, "COMPLETED");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> records = recordsOf(orderId);
            List<String> traced = records.stream()
                    .filter(r -> traceparent(r) != null && traceparent(r).contains("-" + traceId + "-"))
                    .map(r -> EventHeaders.text(r.headers(), EventHeaders.PRODUCER)).distinct().toList();
            assertThat(traced).as("the contexts whose events carry the trace")
                    .contains("orders", "warehouse", "payments", "loyalty");
            assertThat(records.stream().map(TracePropagationIT::traceparent).distinct().count())
                    .as("every hop a span of its own").isGreaterThan(3);
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                Files.readString(system.home().resolve("logs/notifications.log")))
                .as("the mailer's log line for the order names its trace")
                .containsPattern("trace=" + traceId + " span=[0-9a-f]{16}\\] - .*" + orderId));
    }

    @Test
    void aMalformedTraceparentStartsANewTraceAndNeverFailsTheRequest() throws Exception {
        shop.receive("TRACE-2", 5);
        HttpResponse<String> placed = placeOrder("00-NOT-A-TRACE-01", "trace-2");

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        assertThat(placed.headers().firstValue("traceparent")).hasValueSatisfying(
                t -> assertThat(t).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
    }

    private HttpResponse<String> placeOrder(String traceparent, String customerId) throws Exception {
        String body = Http.JSON.writeValueAsString(Shop.orderBody(customerId,
                List.of(new Shop.Line(customerId.equals("trace-1") ? "TRACE-1" : "TRACE-2", 1, 2499)), "NW8 9AY",
                "tok_visa"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.url("orders") + "/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", Http.adminAuthorization())
                .header("Idempotency-Key", customerId + "-" + System.nanoTime())
                .header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Every record of the order on the saga's topics, with its headers (values undecoded). */
    private List<ConsumerRecord<String, byte[]>> recordsOf(String orderId) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = EventLog.SAGA_TOPICS.stream()
                    .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (orderId.equals(r.key())) found.add(r);
                });
            }
        }
        return found;
    }

    private static String traceparent(ConsumerRecord<String, byte[]> record) {
        return EventHeaders.text(record.headers(), "traceparent");
    }

    private static String hex(int bytes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < bytes; i++) s.append(String.format("%02x", ThreadLocalRandom.current().nextInt(256)));
        return s.toString();
    }
}
